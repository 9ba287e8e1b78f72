package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer costs predicted from a network's shape, with coefficients fitted to VGG16's calibrated split points.
 * They shape the curves between calibrated split points and are the whole model for networks the paper did not
 * measure:
 * <ul>
 *   <li>edge CPU: per-image overhead (scaled by input size) + ms per million MACs (times the layer's CPU factor) +
 *       a small per-layer dispatch cost;</li>
 *   <li>Edge TPU: invocation overhead (scaled by input size) + ms per million MACs + USB time per KB of the head's
 *       output + streaming time per MB of int8 weights beyond the TPU's ~8 MB on-chip memory (why VGG16's fc1
 *       is so slow on the TPU);</li>
 *   <li>cloud: serving-loop floor (scaled by input size) + ms per million tail MACs + ms per KB of input tensor
 *       (decode, dequantise) + ms per million tail weights (memory-bound dense layers on the CPU).</li>
 * </ul>
 */
final class ShapePriors {
    /** TFLite op dispatch on the Pi's Cortex-A72 (assumed; invisible next to VGG16's layers). */
    static final double PER_LAYER_MS = 0.05;
    /** Parameter memory of the Coral Edge TPU; weights beyond it stream over USB on every inference. */
    static final double TPU_CACHE_MB = 8.0;
    /** Least cost of one Edge TPU invocation (a USB round trip), however small the input (assumed). */
    static final double TPU_MIN_CALL_MS = 1.0;
    /** Least cost of one cloud serving call, however small the input (assumed). */
    static final double CLOUD_MIN_CALL_MS = 2.0;

    private final double cpuOverheadMs;
    private final double cpuMsPerWork;
    private final Map<AcceleratorMode, double[]> tpu = new EnumMap<>(AcceleratorMode.class);
    private final double[][] cloud = new double[2][];

    private ShapePriors(double cpuOverheadMs, double cpuMsPerWork) {
        this.cpuOverheadMs = cpuOverheadMs;
        this.cpuMsPerWork = cpuMsPerWork;
    }

    /** Fits the coefficients to the reference network's head-time anchors (ms at f_max) and tail-time anchors. */
    static ShapePriors fit(NetworkShape ref, Map<AcceleratorMode, Map<Integer, Double>> edgeAnchors,
                           Map<Boolean, Map<Integer, Double>> cloudAnchors) {
        Map<Integer, Double> cpu = edgeAnchors.get(AcceleratorMode.OFF);
        if (cpu == null || !cpu.containsKey(0)) {
            throw new IllegalStateException(ref.model() + " needs calibrated CPU head times including layer 0");
        }
        int top = cpu.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        double h0 = cpu.get(0);
        double perWork = (cpu.get(top) - h0 - PER_LAYER_MS * top) / ref.headCpuWorkM(top);
        ShapePriors p = new ShapePriors(h0, perWork);
        for (AcceleratorMode mode : List.of(AcceleratorMode.STD, AcceleratorMode.MAX)) {
            Map<Integer, Double> a = edgeAnchors.get(mode);
            if (a == null || a.size() < 4) {
                continue;
            }
            double[][] x = a.keySet().stream().map(l -> tpuFeatures(ref, l)).toArray(double[][]::new);
            double[] y = a.values().stream().mapToDouble(Double::doubleValue).toArray();
            p.tpu.put(mode, LeastSquares.solveNonNegative(x, y));
        }
        for (boolean gpu : new boolean[] {false, true}) {
            Map<Integer, Double> a = cloudAnchors.get(gpu);
            if (a == null || a.size() < 4) {
                throw new IllegalStateException(ref.model() + " needs calibrated cloud times (gpu=" + gpu + ")");
            }
            double[][] x = a.keySet().stream().map(l -> cloudFeatures(ref, l)).toArray(double[][]::new);
            double[] y = a.values().stream().mapToDouble(Double::doubleValue).toArray();
            p.cloud[gpu ? 1 : 0] = LeastSquares.solveNonNegative(x, y);
        }
        return p;
    }

    double edgeMs(NetworkShape shape, AcceleratorMode mode, int layer) {
        if (mode == AcceleratorMode.OFF) {
            return cpuOverheadMs * shape.inputScale() + cpuMsPerWork * shape.headCpuWorkM(layer) + PER_LAYER_MS * layer;
        }
        double[] c = tpu.get(mode);
        if (c == null) {
            throw new IllegalStateException("no Edge TPU shape model for mode " + mode.wireName());
        }
        double[] f = tpuFeatures(shape, layer);
        return Math.max(TPU_MIN_CALL_MS, c[0] * shape.inputScale()) + c[1] * f[1] + c[2] * f[2] + c[3] * f[3];
    }

    double cloudMs(NetworkShape shape, boolean gpu, int layer) {
        double[] c = cloud[gpu ? 1 : 0];
        double[] f = cloudFeatures(shape, layer);
        return Math.max(CLOUD_MIN_CALL_MS, c[0] * shape.inputScale()) + c[1] * f[1] + c[2] * f[2] + c[3] * f[3];
    }

    private static double[] tpuFeatures(NetworkShape s, int layer) {
        return new double[] {1, s.headMacsM(layer), s.acceleratorOutputKb(layer),
                Math.max(0, s.headWeightsM(layer) - TPU_CACHE_MB)};
    }

    private static double[] cloudFeatures(NetworkShape s, int layer) {
        return new double[] {1, s.totalMacsM() - s.headMacsM(layer), s.tensorKb(layer),
                s.headWeightsM(s.lastLayer()) - s.headWeightsM(layer)};
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "edge CPU: %.2f ms x input scale + %.4f ms per million MACs "
                + "(x CPU factor) + %.2f ms per layer; Edge TPU std %s, max %s; cloud GPU %s, CPU %s (coefficients: "
                + "[ms x input scale, ms per million MACs, ms per KB, ms per MB of weights])", cpuOverheadMs,
                cpuMsPerWork, PER_LAYER_MS, fmt(tpu.get(AcceleratorMode.STD)), fmt(tpu.get(AcceleratorMode.MAX)),
                fmt(cloud[1]), fmt(cloud[0]));
    }

    private static String fmt(double[] c) {
        if (c == null) {
            return "-";
        }
        return String.format(java.util.Locale.ROOT, "[%.3g, %.3g, %.3g, %.3g]", c[0], c[1], c[2], c[3]);
    }
}
