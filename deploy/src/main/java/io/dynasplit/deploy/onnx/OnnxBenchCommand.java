package io.dynasplit.deploy.onnx;

import io.dynasplit.statistics.Quantiles;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.onnx.importer.ModelAnalysis;
import io.dynasplit.onnx.importer.ModelImporter;
import io.dynasplit.onnx.runtime.OnnxSplitRunner;
import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.onnx.store.ModelStore;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code ./dynasplit model bench}: what importing costs (the whole import of resnet50 and densenet121), what
 * splitting costs on ONNX Runtime (head + tail against the full pass at resnet50's stage boundaries, per round so
 * that load which comes and goes cancels), and ONNX Runtime's resnet50 against the built-in DJL resnet50, same
 * input shape, same threads.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Import time, split overhead on ONNX Runtime, and ONNX Runtime vs DJL on resnet50 (tables).")
public final class OnnxBenchCommand implements Callable<Integer> {
    @Option(names = "--zoo", paramLabel = "DIR", description = "The zoo graphs (.ci/fetch-onnx-zoo); default .cache/onnx-zoo under the project.")
    Path zoo;

    @Option(names = "--reps", defaultValue = "20", description = "Timed rounds per measurement (default ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed rounds before each measurement (default"
            + " ${DEFAULT-VALUE}): a session's first calls are slower (the JIT, ONNX Runtime's memory arena). Heap pages"
            + " touched for the first time are not covered by warm-up rounds: ./dynasplit runs the bench with"
            + " -XX:+AlwaysPreTouch.")
    int warmup;

    @Option(names = "--imports", defaultValue = "5", description = "Imports timed per model (default ${DEFAULT-VALUE}).")
    int imports;

    @Option(names = "--threads", defaultValue = "1", description = "Intra-op threads of ONNX Runtime and PyTorch (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws IOException {
        Path dir = zoo != null ? zoo : Path.of(System.getProperty("dynasplit.home", "."), ".cache", "onnx-zoo");
        Path resnet = dir.resolve("light_resnet50.onnx");
        if (!Files.isRegularFile(resnet)) {
            System.err.println("no zoo graphs in " + dir + ": run .ci/fetch-onnx-zoo first");
            return 2;
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        importTimes(dir);
        splitOverhead(Files.readAllBytes(resnet));
        onnxRuntimeVsDjl(Files.readAllBytes(resnet));
        return 0;
    }

    private void importTimes(Path dir) throws IOException {
        System.out.printf("import and split analysis (whole import into a fresh models directory), %d runs%n", imports);
        System.out.printf("%-12s %6s %10s %10s %10s%n", "model", "points", "min ms", "median ms", "max ms");
        for (String name : List.of("resnet50", "densenet121")) {
            Path file = dir.resolve("light_" + name + ".onnx");
            double[] ms = new double[imports];
            int points = 0;
            for (int i = 0; i < imports; i++) {
                Path models = Files.createTempDirectory("dynasplit-bench-models");
                long t0 = System.nanoTime();
                points = new ModelImporter(new ModelStore(models), Clock.systemUTC())
                        .importFile(file, name + "-zoo", false).splitPoints().size();
                ms[i] = (System.nanoTime() - t0) / 1e6;
                deleteTree(models);
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-12s %6d %10.0f %10.0f %10.0f%n", name, points, ms[0], ms[ms.length / 2],
                    ms[ms.length - 1]);
        }
        System.out.println("(the first run includes ONNX Runtime's and the JIT's warm-up)");
        System.out.println();
    }

    private void splitOverhead(byte[] onnx) {
        ModelAnalysis analysis = ModelAnalysis.of(onnx);
        List<SplitPointRow> boundaries = stageBoundaries(analysis.splitPoints());
        float[] input = randomInput(analysis.splitPoints().get(0));
        System.out.printf("resnet50 on ONNX Runtime %s, %d intra-op thread(s): head + tail against the full pass at"
                + " the last split point of each resolution, %d rounds after %d untimed%n", "1.23.2", threads, reps, warmup);
        System.out.printf("%5s %-8s %-18s %9s %9s %9s %11s%n", "layer", "tensor", "shape", "head ms", "tail ms",
                "full ms", "overhead");
        List<Double> overheads = new ArrayList<>();
        try (OnnxSplitRunner runner = new OnnxSplitRunner(analysis.graph(), analysis.splitPoints(),
                new RunnerSettings(threads, OptLevel.ALL_OPT))) {
            for (SplitPointRow point : boundaries) {
                int layer = point.layer();
                float[] cut = runner.head(layer, input);
                for (int w = 0; w < warmup; w++) {
                    runner.head(layer, input);
                    runner.tail(layer, cut);
                    runner.full(input);
                }
                double[] head = new double[reps];
                double[] tail = new double[reps];
                double[] full = new double[reps];
                double[] ratio = new double[reps];
                for (int r = 0; r < reps; r++) {
                    full[r] = time(() -> runner.full(input));
                    head[r] = time(() -> runner.head(layer, input));
                    tail[r] = time(() -> runner.tail(layer, cut));
                    ratio[r] = (head[r] + tail[r]) / full[r];
                }
                double overhead = Quantiles.median(ratio) - 1;
                overheads.add(overhead);
                System.out.printf(Locale.ROOT, "%5d %-8s %-18s %9.2f %9.2f %9.2f %10.1f%%%n", layer, point.tensor(),
                        point.shape(), Quantiles.median(head), Quantiles.median(tail), Quantiles.median(full), 100 * overhead);
                runner.release(layer);
            }
        }
        double[] all = overheads.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "median overhead over the %d boundaries: %.1f%% (goal <= 3%%)%n%n", all.length,
                100 * Quantiles.median(all));
    }

    private void onnxRuntimeVsDjl(byte[] onnx) {
        ModelAnalysis analysis = ModelAnalysis.of(onnx);
        float[] input = randomInput(analysis.splitPoints().get(0));
        double[] ort = new double[reps];
        try (OnnxSplitRunner runner = new OnnxSplitRunner(analysis.graph(), analysis.splitPoints(),
                new RunnerSettings(threads, OptLevel.ALL_OPT))) {
            for (int w = 0; w <= warmup; w++) {
                runner.full(input);
            }
            for (int r = 0; r < reps; r++) {
                ort[r] = time(() -> runner.full(input));
            }
        }
        SplitModel djl = ModelCatalog.shared().get("resnet50");
        Activation x = new Activation(input, new int[] {1, 3, 224, 224});
        for (int w = 0; w <= warmup; w++) {
            djl.forward(x);
        }
        double[] torch = new double[reps];
        for (int r = 0; r < reps; r++) {
            torch[r] = time(() -> djl.forward(x));
        }
        System.out.printf("resnet50 full pass, same input [1,3,224,224], %d thread(s), %d rounds%n", threads, reps);
        System.out.printf("%-34s %9s %9s%n", "engine", "min ms", "median ms");
        System.out.printf(Locale.ROOT, "%-34s %9.1f %9.1f%n", "ONNX Runtime 1.23.2 (zoo graph)", min(ort), Quantiles.median(ort));
        System.out.printf(Locale.ROOT, "%-34s %9.1f %9.1f%n", "DJL 0.36 / PyTorch 2.7.1 (built-in)", min(torch),
                Quantiles.median(torch));
        System.out.printf(Locale.ROOT, "ONNX Runtime / DJL median: %.2f%n", Quantiles.median(ort) / Quantiles.median(torch));
    }

    /** The last split point at each spatial resolution of a rank-4 tensor: the stem and each stage's output. */
    static List<SplitPointRow> stageBoundaries(List<SplitPointRow> points) {
        Map<Long, SplitPointRow> lastByResolution = new LinkedHashMap<>();
        for (SplitPointRow p : points.subList(1, points.size() - 1)) {
            if (p.shape().size() == 4 && p.shape().get(2) > 1) {
                lastByResolution.put(p.shape().get(2), p);
            }
        }
        return lastByResolution.values().stream().sorted(Comparator.comparingInt(SplitPointRow::layer)).toList();
    }

    private static float[] randomInput(SplitPointRow inputPoint) {
        long n = inputPoint.shape().stream().reduce(1L, (a, b) -> a * b);
        Random random = new Random(7);
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
