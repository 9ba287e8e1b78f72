package io.dynasplit.onnx.runtime;

import io.dynasplit.onnx.OnnxRuntimeEnvironment;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.dynasplit.onnx.graph.InputSignature;
import io.dynasplit.onnx.graph.OnnxGraph;
import io.dynasplit.onnx.graph.TensorShape;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.onnx.split.SubModels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an imported model split at any of its split points on ONNX Runtime, one sample at a time: the head from the
 * input to the cut tensor, the tail from the cut tensor to the output, or the whole model. One {@link
 * OrtEnvironment} per JVM (ONNX Runtime's rule); a session per split point and side, built the first time that
 * point is used and kept until {@link #close()}; every tensor and result closed after each call.
 */
public final class OnnxSplitRunner implements AutoCloseable {
    /** Each thread's direct buffer for input tensors, see {@link #staged(float[])}. */
    private static final ThreadLocal<FloatBuffer> INPUT_BUFFER = new ThreadLocal<>();
    private final OnnxGraph graph;
    private final List<SplitPointRow> points;
    private final InputSignature input;
    private final SubModels subModels;
    private final OrtEnvironment env = OnnxRuntimeEnvironment.get();
    private final OrtSession.SessionOptions options;
    private final RunnerSettings settings;
    private final Map<String, OrtSession> sessions = new ConcurrentHashMap<>();
    /** Options for tails on GPU 0 (CUDA execution provider), made on the first GPU tail. */
    private OrtSession.SessionOptions gpuOptions;
    /** Why the GPU cannot run tails here, once ONNX Runtime refused it (then tails stay on the CPU). */
    private volatile String gpuRefusal;

    public OnnxSplitRunner(OnnxGraph graph, List<SplitPointRow> points, RunnerSettings settings) {
        this.graph = graph;
        this.points = List.copyOf(points);
        this.input = InputSignature.of(graph.input());
        this.subModels = new SubModels(graph);
        this.settings = settings;
        this.options = sessionOptions(settings);
    }

    private static OrtSession.SessionOptions sessionOptions(RunnerSettings settings) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setOptimizationLevel(settings.optimisation());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            return options;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime session options: " + e.getMessage(), e);
        }
    }

    /**
     * Whether tails can run on GPU 0 in this process: ONNX Runtime's GPU build is on the class path (the cloud node's
     * {@code -Pcuda} build; the default one lists the CPU provider only) and has not refused the GPU yet.
     */
    public boolean gpuTails() {
        return gpuRefusal == null && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /** Why tails cannot run on the GPU here, or null when they can (as far as is known). */
    public String gpuRefusal() {
        if (gpuRefusal != null) {
            return gpuRefusal;
        }
        return gpuTails() ? null : "ONNX Runtime offers no CUDA execution provider here (providers: "
                + OrtEnvironment.getAvailableProviders() + "): the CPU build is loaded";
    }

    /**
     * The tail on GPU 0 through ONNX Runtime's CUDA execution provider, one session per split point as on the CPU.
     * Refused where {@link #gpuTails()} says no; when ONNX Runtime refuses the provider (no CUDA libraries, no
     * device), the refusal is remembered and thrown, and later tails are left to the CPU.
     */
    public float[] tailOnGpu(int layer, float[] cutTensor) {
        if (!gpuTails()) {
            throw new IllegalStateException(gpuRefusal());
        }
        SplitPointRow point = point(layer);
        if (layer == lastLayer()) {
            return cutTensor.clone();
        }
        long[] shape = layer == 0 ? input.shapeAtBatchOne() : point.shape().stream().mapToLong(Long::longValue).toArray();
        java.util.function.Supplier<ModelProto> model = layer == 0 ? graph::model : () -> subModels.tail(point.tensor(),
                new TensorShape(point.elemType(), point.shape()), input.dynamicBatch());
        String key = "gpu-tail@" + layer;
        OrtSession session;
        try {
            session = sessions.computeIfAbsent(key, k -> createSession(SubModels.servable(model.get()), gpuOptions()));
        } catch (IllegalStateException e) {
            gpuRefusal = "ONNX Runtime refused the GPU: " + e.getMessage();
            throw new IllegalStateException(gpuRefusal, e);
        }
        return run(session, key, shape, cutTensor);
    }

    private synchronized OrtSession.SessionOptions gpuOptions() {
        if (gpuOptions == null) {
            OrtSession.SessionOptions gpu = sessionOptions(settings);
            try {
                gpu.addCUDA(0);
            } catch (OrtException e) {
                gpu.close();
                throw new IllegalStateException("the CUDA execution provider: " + e.getMessage(), e);
            }
            gpuOptions = gpu;
        }
        return gpuOptions;
    }

    public int lastLayer() {
        return points.size() - 1;
    }

    public SplitPointRow point(int layer) {
        if (layer < 0 || layer > lastLayer()) {
            throw new IllegalArgumentException("layer " + layer + " is not a split point (0.." + lastLayer() + ")");
        }
        return points.get(layer);
    }

    /** The whole model on one sample. */
    public float[] full(float[] sample) {
        return run("full", () -> graph.model(), input.shapeAtBatchOne(), sample);
    }

    /** The head up to split point {@code layer}: the cut tensor (the input itself at layer 0). */
    public float[] head(int layer, float[] sample) {
        SplitPointRow point = point(layer);
        if (layer == 0) {
            return sample.clone();
        }
        if (layer == lastLayer()) {
            return full(sample);
        }
        TensorShape cut = new TensorShape(point.elemType(), point.shape());
        return run("head@" + layer, () -> subModels.head(point.tensor(), cut, input.dynamicBatch()),
                input.shapeAtBatchOne(), sample);
    }

    /** The tail from split point {@code layer}'s tensor to the output (the output itself at the last layer). */
    public float[] tail(int layer, float[] cutTensor) {
        SplitPointRow point = point(layer);
        if (layer == lastLayer()) {
            return cutTensor.clone();
        }
        if (layer == 0) {
            return full(cutTensor);
        }
        TensorShape cut = new TensorShape(point.elemType(), point.shape());
        long[] shape = point.shape().stream().mapToLong(Long::longValue).toArray();
        return run("tail@" + layer, () -> subModels.tail(point.tensor(), cut, input.dynamicBatch()), shape, cutTensor);
    }

    private float[] run(String key, java.util.function.Supplier<ModelProto> model, long[] shape, float[] values) {
        return run(sessions.computeIfAbsent(key, k -> createSession(SubModels.servable(model.get()), options)), key,
                shape, values);
    }

    private float[] run(OrtSession session, String key, long[] shape, float[] values) {
        String inputName = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, staged(values), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            return toArray(((OnnxTensor) result.get(0)).getFloatBuffer());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code values} in this thread's direct input buffer, which ONNX Runtime reads in place. Handing it a heap
     * buffer instead makes it allocate a fresh direct buffer per call, whose memory is zeroed and page-faulted in
     * anew each time (the old one goes only with a GC): 1-10 ms for a 3.2 MB cut tensor on a 2-core VM, against
     * 0.15 ms to copy into a buffer that is kept. The buffer is reused once the tensor over it is closed, which
     * {@link #run(OrtSession, String, long[], float[])} does before it returns; it grows to the largest input seen.
     */
    private static FloatBuffer staged(float[] values) {
        FloatBuffer buffer = INPUT_BUFFER.get();
        if (buffer == null || buffer.capacity() < values.length) {
            buffer = ByteBuffer.allocateDirect(Math.multiplyExact(values.length, Float.BYTES))
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            INPUT_BUFFER.set(buffer);
        }
        buffer.clear();
        buffer.put(values).flip();
        return buffer;
    }

    /**
     * The floats of an output buffer as an array. ONNX Runtime's {@code getFloatBuffer} already copies the output
     * into a fresh heap buffer; its backing array is taken as it is rather than copied a second time.
     */
    static float[] toArray(FloatBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        float[] array = new float[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    private OrtSession createSession(ModelProto model, OrtSession.SessionOptions sessionOptions) {
        try {
            return env.createSession(model.toByteArray(), sessionOptions);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused a sub-model: " + e.getMessage(), e);
        }
    }

    /** Closes the sessions of one split point (a node that stops using it frees their memory). */
    public void release(int layer) {
        for (String key : List.of("head@" + layer, "tail@" + layer, "gpu-tail@" + layer)) {
            OrtSession session = sessions.remove(key);
            if (session != null) {
                closeQuietly(session);
            }
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // closing is best effort; the native memory goes with the process at worst
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(OnnxSplitRunner::closeQuietly);
        sessions.clear();
        options.close();
        synchronized (this) {
            if (gpuOptions != null) {
                gpuOptions.close();
            }
        }
    }
}
