package io.dynasplit.runtime.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.TensorData;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Head and tail latency per split point against one full forward pass (measured in the same rounds, so that
 * other load on the machine hits all three alike), and codec throughput. Reports min and median.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Per split point head/tail latency and head+tail overhead vs a full forward; codec throughput.")
public final class BenchCommand implements Callable<Integer> {
    private static final NDManager BENCH_MANAGER = NDManager.newBaseManager("PyTorch");

    @Option(names = "--model", split = ",", description = "models (default: all); 'none' for codecs only")
    List<String> models;

    @Option(names = "--reps", defaultValue = "15", description = "timed repetitions (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--seed", defaultValue = "7", description = "synthetic input seed")
    long seed;

    @Option(names = "--codec-elements", defaultValue = "3211264",
            description = "tensor size for the codec benchmark (default: VGG16 l=1, 64x224x224)")
    int codecElements;

    @Option(names = "--no-codec", description = "skip the codec benchmark")
    boolean noCodec;

    @Override
    public Integer call() {
        List<String> names = models == null ? ModelCatalog.shared().names() : models;
        for (String name : names) {
            if (!name.equals("none")) {
                benchModel(ModelCatalog.shared(), name);
            }
        }
        if (!noCodec) {
            benchCodecs();
        }
        return 0;
    }

    private void benchModel(ModelCatalog catalog, String name) {
        long t0 = System.nanoTime();
        SplitModel m = catalog.get(name);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        Activation x = m.inputFor(null, null, seed);
        for (int i = 0; i < warmup; i++) {
            m.forward(x);
        }
        System.out.printf(Locale.ROOT, "%s: built in %.0f ms (weights %s), %d reps after %d warm-up, ms%n", name,
                buildMs, m.weightsSource(), reps, warmup);
        System.out.printf("%3s  %-16s %9s %9s %9s %9s %9s %9s %10s %10s %9s %9s%n", "l", "layer", "head min",
                "head med", "tail min", "tail med", "full min", "full med", "ovh(min)", "ovh(pair)", "split ms",
                "split %");
        double worstMin = Double.NEGATIVE_INFINITY;
        double worstMed = Double.NEGATIVE_INFINITY;
        double sumMed = 0;
        double worstSplit = 0;
        for (int l = 0; l <= m.lastLayer(); l++) {
            int layer = l;
            Activation h = m.head(layer, x);
            double[] head = new double[reps];
            double[] tail = new double[reps];
            double[] full = new double[reps];
            double[] boundary = new double[reps];
            for (int r = 0; r < reps; r++) {
                full[r] = time(() -> m.forward(x));
                head[r] = time(() -> m.head(layer, x));
                tail[r] = time(() -> m.tail(layer, h));
                boundary[r] = time(() -> nativeRoundTrip(h));
            }
            Stats hs = Stats.of(head);
            Stats ts = Stats.of(tail);
            Stats fs = Stats.of(full);
            // what splitting adds to one pass: the head's output leaves the engine and the tail's input enters it
            double splitCost = l == 0 || l == m.lastLayer() ? 0 : Stats.of(boundary).minMs();
            worstSplit = Math.max(worstSplit, splitCost / fs.minMs());
            double ovhMin = (hs.minMs() + ts.minMs()) / fs.minMs() - 1;
            // per round, (head + tail) / full: the three ran back to back, so load that comes and goes cancels
            double[] ratio = new double[reps];
            for (int r = 0; r < reps; r++) {
                ratio[r] = (head[r] + tail[r]) / full[r];
            }
            double ovhMed = Stats.of(ratio).medianMs() - 1;
            worstMin = Math.max(worstMin, ovhMin);
            worstMed = Math.max(worstMed, ovhMed);
            sumMed += ovhMed;
            System.out.printf(Locale.ROOT,
                    "%3d  %-16s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.1f%% %9.1f%% %9.2f %8.2f%%%n", l,
                    m.splitPoint(l).name(), hs.minMs(), hs.medianMs(), ts.minMs(), ts.medianMs(), fs.minMs(),
                    fs.medianMs(), 100 * ovhMin, 100 * ovhMed, splitCost, 100 * splitCost / fs.minMs());
        }
        System.out.printf(Locale.ROOT, "%s: head+tail overhead vs full forward over all split points: worst %.1f%% (mins), worst %.1f%% and "
                + "mean %.1f%% (median of per-round ratios); split cost at most %.2f%% of a full pass%n%n", name,
                100 * worstMin, 100 * worstMed, 100 * sumMed / (m.lastLayer() + 1), 100 * worstSplit);
    }

    /** The boundary work a split adds: the activation goes into the engine and comes back out as float[]. */
    private static void nativeRoundTrip(Activation a) {
        try (NDManager manager = BENCH_MANAGER.newSubManager()) { // as SplitModel does per call
            long[] shape = java.util.Arrays.stream(a.shape()).asLongStream().toArray();
            manager.create(a.values(), new Shape(shape)).toFloatArray();
        }
    }

    private void benchCodecs() {
        float[] values = new float[codecElements];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (Math.max(0, random.nextGaussian()) * 3); // ReLU-like activations
        }
        double mb = values.length * 4 / 1e6;
        System.out.printf(Locale.ROOT, "codecs: %d fp32 values (%.1f MB), %d reps; MB/s of fp32 activation data%n",
                values.length, mb, reps);
        System.out.printf("%-28s %9s %9s %11s %11s%n", "codec", "min ms", "med ms", "best MB/s", "med MB/s");
        for (WireDtype dtype : WireDtype.values()) {
            report(dtype.wireName() + " encode+decode", mb, () -> {
                TensorData.Encoded e = TensorData.encode(values, dtype);
                return TensorData.decode(e.bytes(), dtype, e.scale(), e.zeroPoint());
            });
        }
        SplitConfig config = new SplitConfig("vgg16", 1, 1800, AcceleratorMode.OFF, true);
        for (WireDtype dtype : WireDtype.values()) {
            report(dtype.wireName() + " frame (tensor+codec)", mb, () -> {
                TensorData.Encoded e = TensorData.encode(values, dtype);
                SplitTensor t = new SplitTensor(SplitTensor.SCHEMA_VERSION, "r-1", "edge-1", "vgg16", 500, null,
                        null, config, 1, dtype, e.scale(), e.zeroPoint(), List.of(1, values.length), null, e.bytes());
                SplitTensor back = SplitTensorCodec.decode(SplitTensorCodec.encode(t));
                return TensorData.decode(back.data(), back.dtype(), back.scale(), back.zeroPoint());
            });
        }
    }

    private void report(String what, double mb, Supplier<float[]> roundTrip) {
        for (int i = 0; i < warmup + 2; i++) {
            roundTrip.get();
        }
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            ms[r] = time(roundTrip::get);
        }
        Stats s = Stats.of(ms);
        System.out.printf(Locale.ROOT, "%-28s %9.2f %9.2f %11.0f %11.0f%n", what, s.minMs(), s.medianMs(),
                mb / (s.minMs() / 1e3), mb / (s.medianMs() / 1e3));
    }

    private static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
