package io.dynasplit.runtime.cli;

import ai.djl.engine.Engine;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ComputeDevice;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Whether the cloud node's tails really run on this host's GPU: for each split point asked, the head on the CPU,
 * then the tail on the CPU and on the GPU; the two logits compared (largest difference over the logits' largest
 * magnitude, and the top-1 class) and both tails timed in the same rounds. Exits 1 where the engine sees no GPU or
 * a GPU tail disagrees with the CPU one by more than {@code --tolerance}.
 */
@Command(name = "gpu-check", mixinStandardHelpOptions = true,
        description = "Runs tails on the GPU and on the CPU, compares their logits and times both.")
public final class GpuCheckCommand implements Callable<Integer> {

    @Option(names = "--model", split = ",", defaultValue = "vgg16,vit-b16", description = "models (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--layers", split = ",", description = "split points (default: 0 and the middle one)")
    List<Integer> layers;

    @Option(names = "--reps", defaultValue = "20", description = "timed repetitions (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "5")
    int warmup;

    @Option(names = "--seed", defaultValue = "7", description = "synthetic input seed")
    long seed;

    // convolutions on NVIDIA GPUs since Ampere run in TF32 by default in PyTorch: about 1e-3 relative
    @Option(names = "--tolerance", defaultValue = "1e-2",
            description = "largest |gpu - cpu| over max |cpu| accepted (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Override
    public Integer call() {
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = ComputeDevice.pytorchGpuCount();
        System.out.printf(Locale.ROOT, "engine: PyTorch %s, GPUs seen: %d%n", engine.getVersion(), gpus);
        if (gpus == 0) {
            System.out.println("no GPU: the PyTorch natives loaded are a CPU build, or no CUDA driver is visible");
            return 1;
        }
        boolean ok = true;
        System.out.println("| model | layer | max abs diff / max abs | top-1 same | tail cpu ms (median) | tail gpu ms (median) | cpu / gpu |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : models) {
            SplitModel model = ModelCatalog.shared().get(name);
            List<Integer> points = layers != null ? layers : List.of(0, model.lastLayer() / 2);
            for (int layer : points) {
                ok &= checkLayer(model, layer);
            }
        }
        return ok ? 0 : 1;
    }

    private boolean checkLayer(SplitModel model, int layer) {
        Activation shipped = model.head(layer, model.inputFor(null, null, seed));
        Activation onCpu = model.tail(layer, shipped, ComputeDevice.CPU);
        Activation onGpu = model.tail(layer, shipped, ComputeDevice.GPU);
        double difference = relativeDifference(onCpu, onGpu);
        boolean sameTop1 = argMax(onCpu.values()) == argMax(onGpu.values());
        for (int i = 0; i < warmup; i++) {
            model.tail(layer, shipped, ComputeDevice.CPU);
            model.tail(layer, shipped, ComputeDevice.GPU);
        }
        double[] cpuMs = new double[reps];
        double[] gpuMs = new double[reps];
        for (int i = 0; i < reps; i++) {
            cpuMs[i] = timeMs(() -> model.tail(layer, shipped, ComputeDevice.CPU));
            gpuMs[i] = timeMs(() -> model.tail(layer, shipped, ComputeDevice.GPU));
        }
        Stats cpu = Stats.of(cpuMs);
        Stats gpu = Stats.of(gpuMs);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2e | %s | %.2f | %.2f | %.1fx |%n", model.name(), layer,
                difference, sameTop1 ? "yes" : "no", cpu.medianMs(), gpu.medianMs(), cpu.medianMs() / gpu.medianMs());
        return difference <= tolerance && sameTop1;
    }

    /** The largest element-wise difference over the reference's largest magnitude. */
    static double relativeDifference(Activation reference, Activation other) {
        double largest = 0;
        for (float v : reference.values()) {
            largest = Math.max(largest, Math.abs(v));
        }
        double difference = reference.maxAbsDiff(other);
        return largest == 0 ? difference : difference / largest;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double timeMs(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6;
    }
}
