import ai.onnxruntime.*;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.onnx.importer.ModelAnalysis;
import io.dynasplit.onnx.split.*;
import io.dynasplit.onnx.graph.*;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

public class Exp {
    static OrtEnvironment env = OrtEnvironment.getEnvironment();
    static int reps = Integer.getInteger("reps", 15), warm = Integer.getInteger("warm", 20);

    static SessionOptions opts(OptLevel lvl, Map<String,String> cfg) throws Exception {
        SessionOptions o = new SessionOptions();
        o.setIntraOpNumThreads(1); o.setInterOpNumThreads(1);
        o.setOptimizationLevel(lvl);
        o.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
        for (var e : cfg.entrySet()) o.addConfigEntry(e.getKey(), e.getValue());
        return o;
    }
    static OrtSession sess(ModelProto m, SessionOptions o) throws Exception {
        return env.createSession(SubModels.servable(m).toByteArray(), o);
    }
    // copy mode: 0 = heap wrap + getFloatBuffer (production), 1 = direct buffer in + getFloatBuffer
    static float[] run(OrtSession s, long[] shape, float[] v, int mode) throws Exception {
        String in = s.getInputNames().iterator().next();
        OnnxTensor t;
        if (mode == 1) {
            FloatBuffer fb = ByteBuffer.allocateDirect(v.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            fb.put(v).rewind();
            t = OnnxTensor.createTensor(env, fb, shape);
        } else t = OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
        try (t; OrtSession.Result r = s.run(Map.of(in, t))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] a = new float[b.remaining()]; b.get(a); return a;
        }
    }
    static double med(double[] x) { double[] c = x.clone(); Arrays.sort(c); int n=c.length; return n%2==1? c[n/2] : (c[n/2-1]+c[n/2])/2; }
    interface W { void run() throws Exception; }
    static double t(W w) throws Exception { long t0=System.nanoTime(); w.run(); return (System.nanoTime()-t0)/1e6; }

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        byte[] onnx = Files.readAllBytes(Path.of(System.getProperty("zoo", ".cache/onnx-zoo"), "light_resnet50.onnx"));
        ModelAnalysis an = ModelAnalysis.of(onnx);
        List<SplitPointRow> pts = an.splitPoints();
        Map<Long, SplitPointRow> last = new LinkedHashMap<>();
        for (SplitPointRow p : pts.subList(1, pts.size()-1)) if (p.shape().size()==4 && p.shape().get(2)>1) last.put(p.shape().get(2), p);
        List<SplitPointRow> bounds = new ArrayList<>(last.values());
        SubModels sm = new SubModels(an.graph());
        long[] inShape = an.input().shapeAtBatchOne();
        Random rnd = new Random(7);
        float[] x = new float[(int) Arrays.stream(inShape).reduce(1,(p,q)->p*q)];
        for (int i=0;i<x.length;i++) x[i]=(float)rnd.nextGaussian();
        boolean dyn = an.input().dynamicBatch();
        Map<String,String> cfg = new HashMap<>();
        for (String kv : System.getProperty("cfg","").split(",")) if (kv.contains("=")) cfg.put(kv.split("=")[0], kv.split("=")[1]);
        int copy = Integer.getInteger("copy", 0);
        if (mode.equals("levels")) {
            // per boundary: full ALL, full EXT, head/tail ALL, head/tail EXT, interleaved
            SessionOptions all = opts(OptLevel.ALL_OPT, cfg), ext = opts(OptLevel.EXTENDED_OPT, cfg);
            OrtSession fullA = sess(an.graph().model(), all), fullE = sess(an.graph().model(), ext);
            for (SplitPointRow p : bounds) {
                TensorShape cs = new TensorShape(p.elemType(), p.shape());
                long[] cshape = p.shape().stream().mapToLong(Long::longValue).toArray();
                ModelProto hm = sm.head(p.tensor(), cs, dyn), tm = sm.tail(p.tensor(), cs, dyn);
                OrtSession hA = sess(hm, all), tA = sess(tm, all), hE = sess(hm, ext), tE = sess(tm, ext);
                float[] cut = run(hA, inShape, x, copy);
                for (int w=0; w<warm; w++) { run(fullA,inShape,x,copy); run(fullE,inShape,x,copy); run(hA,inShape,x,copy); run(tA,cshape,cut,copy); run(hE,inShape,x,copy); run(tE,cshape,cut,copy);}
                double[] fA=new double[reps], fE=new double[reps], sA=new double[reps], sE=new double[reps], rA=new double[reps], rE=new double[reps], rEbest=new double[reps], rAbest=new double[reps];
                for (int r=0;r<reps;r++) {
                    fA[r]=t(()->run(fullA,inShape,x,copy));
                    fE[r]=t(()->run(fullE,inShape,x,copy));
                    sA[r]=t(()->run(hA,inShape,x,copy))+t(()->run(tA,cshape,cut,copy));
                    sE[r]=t(()->run(hE,inShape,x,copy))+t(()->run(tE,cshape,cut,copy));
                    rA[r]=sA[r]/fA[r]-1; rE[r]=sE[r]/fE[r]-1;
                    double best=Math.min(fA[r],fE[r]); rEbest[r]=sE[r]/best-1; rAbest[r]=sA[r]/best-1;
                }
                System.out.printf(Locale.ROOT,"%-18s fullALL %6.2f fullEXT %6.2f splitALL %6.2f splitEXT %6.2f | ALL/ALL %5.1f%% EXT/EXT %5.1f%% ALL/best %5.1f%% EXT/best %5.1f%% fullEXT/fullALL %5.1f%%%n",
                    p.shape(), med(fA), med(fE), med(sA), med(sE), 100*med(rA), 100*med(rE), 100*med(rAbest), 100*med(rEbest), 100*(med(fE)/med(fA)-1));
                for (OrtSession s : List.of(hA,tA,hE,tE)) s.close();
            }
        } else if (mode.equals("copy")) {
            // ALL_OPT, compare copy modes 0 and 1, interleaved
            SessionOptions all = opts(OptLevel.ALL_OPT, cfg);
            OrtSession full = sess(an.graph().model(), all);
            for (SplitPointRow p : bounds) {
                TensorShape cs = new TensorShape(p.elemType(), p.shape());
                long[] cshape = p.shape().stream().mapToLong(Long::longValue).toArray();
                OrtSession h = sess(sm.head(p.tensor(), cs, dyn), all), tl = sess(sm.tail(p.tensor(), cs, dyn), all);
                float[] cut = run(h, inShape, x, 0);
                for (int w=0; w<warm; w++) for (int m=0;m<2;m++){ run(full,inShape,x,m); run(h,inShape,x,m); run(tl,cshape,cut,m);}
                double[][] r = new double[2][reps]; double[][] hh=new double[2][reps], tt=new double[2][reps];
                for (int i=0;i<reps;i++) for (int m=0;m<2;m++) { int mm=m; double f=t(()->run(full,inShape,x,mm)); hh[m][i]=t(()->run(h,inShape,x,mm)); tt[m][i]=t(()->run(tl,cshape,cut,mm)); r[m][i]=(hh[m][i]+tt[m][i])/f-1; }
                System.out.printf(Locale.ROOT,"%-18s heap: head %6.2f tail %6.2f ovh %5.1f%% | direct: head %6.2f tail %6.2f ovh %5.1f%%%n", p.shape(), med(hh[0]), med(tt[0]), 100*med(r[0]), med(hh[1]), med(tt[1]), 100*med(r[1]));
                h.close(); tl.close();
            }
        } else if (mode.equals("profile")) {
            OptLevel lvl = OptLevel.valueOf(System.getProperty("lvl","ALL_OPT"));
            int bi = Integer.getInteger("b", 3);
            SplitPointRow p = bounds.get(bi);
            TensorShape cs = new TensorShape(p.elemType(), p.shape());
            long[] cshape = p.shape().stream().mapToLong(Long::longValue).toArray();
            String[] names = {"full","head","tail"};
            ModelProto[] ms = {an.graph().model(), sm.head(p.tensor(), cs, dyn), sm.tail(p.tensor(), cs, dyn)};
            float[] cut = null;
            for (int k=0;k<3;k++) {
                SessionOptions o = opts(lvl, cfg);
                o.enableProfiling(System.getProperty("out", "/tmp") + "/prof_" + bi + "_" + lvl + "_" + names[k]);
                if (System.getProperty("dump")!=null) o.setOptimizedModelFilePath(System.getProperty("out", "/tmp") + "/opt_" + bi + "_" + lvl + "_" + names[k] + ".onnx");
                OrtSession s = sess(ms[k], o);
                if (k==1) cut = run(s, inShape, x, 0);
                float[] xin = k==2 ? cut : x; long[] sh = k==2? cshape: inShape;
                for (int i=0;i<warm+reps;i++) run(s, sh, xin, 0);
                System.out.println(names[k] + " -> " + s.endProfiling());
                s.close();
            }
        } else if (mode.equals("same")) {
            int bi = Integer.getInteger("b", 2); int n = Integer.getInteger("n", 4);
            SplitPointRow p = bounds.get(bi);
            TensorShape cs = new TensorShape(p.elemType(), p.shape());
            boolean arena = !Boolean.getBoolean("noarena");
            OrtSession[] ss = new OrtSession[n];
            for (int k=0;k<n;k++) { SessionOptions o = opts(OptLevel.ALL_OPT, cfg); o.setCPUArenaAllocator(arena); ss[k] = sess(System.getProperty("what","head").equals("full") ? an.graph().model() : sm.head(p.tensor(), cs, dyn), o); }
            for (int w=0; w<warm; w++) for (OrtSession s : ss) run(s,inShape,x,copy);
            double[][] d = new double[n][reps];
            for (int r=0;r<reps;r++) for (int k=0;k<n;k++) { OrtSession s=ss[k]; d[k][r]=t(()->run(s,inShape,x,copy)); }
            StringBuilder sb = new StringBuilder(p.shape()+" "+System.getProperty("what","head")+" sessions medians:");
            for (int k=0;k<n;k++) sb.append(String.format(Locale.ROOT," %.2f", med(d[k])));
            System.out.println(sb);
        } else if (mode.equals("copybench")) {
            for (int n : new int[]{802816, 401408, 200704, 100352}) {
                float[] v = new float[n]; for (int i=0;i<n;i++) v[i]=i;
                long[] sh = {1, n};
                FloatBuffer direct = ByteBuffer.allocateDirect(n*4).order(ByteOrder.nativeOrder()).asFloatBuffer();
                W pa = () -> { try (OnnxTensor tt = OnnxTensor.createTensor(env, FloatBuffer.wrap(v), sh)) { FloatBuffer b = tt.getFloatBuffer(); float[] o = new float[b.remaining()]; b.get(o); } };
                W in = () -> { try (OnnxTensor tt = OnnxTensor.createTensor(env, FloatBuffer.wrap(v), sh)) { } };
                W inD = () -> { direct.clear(); direct.put(v).rewind(); try (OnnxTensor tt = OnnxTensor.createTensor(env, direct, sh)) { } };
                W outA = () -> { try (OnnxTensor tt = OnnxTensor.createTensor(env, direct, sh)) { FloatBuffer b = tt.getFloatBuffer(); float[] o = new float[b.remaining()]; b.get(o); } };
                W outB = () -> { try (OnnxTensor tt = OnnxTensor.createTensor(env, direct, sh)) { FloatBuffer b = tt.getFloatBuffer(); float[] o = b.array(); } };
                W outC = () -> { try (OnnxTensor tt = OnnxTensor.createTensor(env, direct, sh)) { ByteBuffer bb = tt.getByteBuffer().order(ByteOrder.nativeOrder()); float[] o = new float[n]; bb.asFloatBuffer().get(o); } };
                W[] ws = {pa, in, inD, outA, outB, outC}; String[] nm = {"prod in+out", "in heap", "in direct reused", "out getFloatBuffer+get", "out getFloatBuffer.array", "out getByteBuffer+get"};
                for (int i=0;i<300;i++) for (W w: ws) w.run();
                double[][] d = new double[ws.length][300];
                for (int i=0;i<300;i++) for (int k=0;k<ws.length;k++) d[k][i]=t(ws[k]);
                StringBuilder sb = new StringBuilder(n + " floats:");
                for (int k=0;k<ws.length;k++) sb.append(String.format(Locale.ROOT, " | %s %.3f", nm[k], med(d[k])));
                System.out.println(sb);
            }
        } else if (mode.equals("stem")) {
            int bi = Integer.getInteger("b", 0);
            SplitPointRow p = bounds.get(bi);
            TensorShape cs = new TensorShape(p.elemType(), p.shape());
            SessionOptions all = opts(OptLevel.ALL_OPT, cfg);
            OrtSession h = sess(sm.head(p.tensor(), cs, dyn), all);
            int big = (int) p.shape().stream().mapToLong(Long::longValue).reduce(1,(q,w)->q*w);
            FloatBuffer bigBuf = ByteBuffer.allocateDirect(big*4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            FloatBuffer exact = ByteBuffer.allocateDirect(x.length*4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            String in = h.getInputNames().iterator().next();
            W[] ws = new W[4];
            String[] nm = {"old(wrap,get)", "big reused buf", "exact reused buf", "big buf + get copy"};
            for (int k=0;k<4;k++) { int kk=k; ws[k] = () -> {
                OnnxTensor t;
                if (kk==0) t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), inShape);
                else { FloatBuffer b = kk==2 ? exact : bigBuf; b.clear(); b.put(x).flip(); t = OnnxTensor.createTensor(env, b, inShape); }
                try (t; OrtSession.Result r = h.run(Map.of(in, t))) {
                    FloatBuffer o = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    if (kk==0 || kk==3) { float[] a2 = new float[o.remaining()]; o.get(a2); } else { float[] a2 = o.array(); }
                }
            }; }
            String only = System.getProperty("only", "0123");
            for (int i=0;i<warm;i++) for (int k=0;k<4;k++) if (only.indexOf('0'+k)>=0) ws[k].run();
            double[][] d = new double[4][reps];
            for (int i=0;i<reps;i++) for (int k=0;k<4;k++) if (only.indexOf('0'+k)>=0) d[k][i]=t(ws[k]);
            StringBuilder sb = new StringBuilder(p.shape() + " head:");
            for (int k=0;k<4;k++) sb.append(String.format(Locale.ROOT, " | %s %.2f", nm[k], med(d[k])));
            System.out.println(sb);
        } else if (mode.equals("runner")) {
            SplitPointRow p = bounds.get(Integer.getInteger("b", 0));
            int layer = p.layer();
            try (io.dynasplit.onnx.runtime.OnnxSplitRunner runner = new io.dynasplit.onnx.runtime.OnnxSplitRunner(an.graph(), pts,
                    new io.dynasplit.onnx.runtime.RunnerSettings(1, OptLevel.ALL_OPT))) {
                float[] cut = runner.head(layer, x);
                for (int w=0; w<warm; w++) { runner.head(layer, x); runner.tail(layer, cut); runner.full(x); }
                double[] h = new double[reps], tl = new double[reps], f = new double[reps];
                String pat = System.getProperty("pat", "fht");
                for (int r=0;r<reps;r++) { if (pat.contains("f")) f[r]=t(()->runner.full(x)); if (pat.contains("h")) h[r]=t(()->runner.head(layer,x)); if (pat.contains("t")) tl[r]=t(()->runner.tail(layer,cut)); }
                System.out.println("head " + Arrays.toString(Arrays.stream(h).map(v->Math.round(v*100)/100.0).toArray()));
                System.out.printf(Locale.ROOT, "runner %s: head %.2f tail %.2f full %.2f%n", p.shape(), med(h), med(tl), med(f));
            }
        } else if (mode.equals("tiny")) {
            // per-run fixed cost: identity-like tiny model = tail at the last boundary? use Relu on 1 element via head at first point? use full model's Flatten region: tail at last split point-1
            SessionOptions all = opts(OptLevel.ALL_OPT, cfg);
            int li = pts.size()-2; SplitPointRow p = pts.get(li);
            TensorShape cs = new TensorShape(p.elemType(), p.shape());
            long[] cshape = p.shape().stream().mapToLong(Long::longValue).toArray();
            OrtSession s = sess(sm.tail(p.tensor(), cs, dyn), all);
            float[] v = new float[(int)Arrays.stream(cshape).reduce(1,(q,w)->q*w)];
            for (int i=0;i<2000;i++) run(s,cshape,v,copy);
            double[] d=new double[2000]; for(int i=0;i<2000;i++) d[i]=t(()->run(s,cshape,v,copy));
            System.out.printf(Locale.ROOT,"tiny tail from %s %s (%d nodes?) per run: median %.4f ms, min %.4f%n", p.tensor(), p.shape(), 0, med(d), Arrays.stream(d).min().getAsDouble());
        }
    }
}
