package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer costs predicted from a network's shape, with coefficients fitted to the reference network's calibrated
 * split points (vgg16 for the bundled profile). They shape the curves between calibrated split points and are the
 * whole model for networks the paper did not measure (the per-operation estimate, docs/estimate.md):
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
    /**
     * What is left of a feature once the features before it are fitted out must be at least this share of its size
     * over the reference's split points for the feature to get a rate of its own.
     */
    static final double MIN_FEATURE_SPREAD = 0.1;
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
    private final Map<AcceleratorMode, double[]> tpu;
    private final double[][] cloud;

    private ShapePriors(double cpuOverheadMs, double cpuMsPerWork, Map<AcceleratorMode, double[]> tpu,
                        double[][] cloud) {
        this.cpuOverheadMs = cpuOverheadMs;
        this.cpuMsPerWork = cpuMsPerWork;
        this.tpu = tpu;
        this.cloud = cloud;
    }

    /**
     * Fits the coefficients to the reference network's head-time anchors (ms at f_max) and tail-time anchors;
     * {@code selection} says which features may get a rate (see {@link FeatureSelection}).
     */
    static ShapePriors fit(NetworkShape ref, Map<AcceleratorMode, Map<Integer, Double>> edgeAnchors,
                           Map<Boolean, Map<Integer, Double>> cloudAnchors, FeatureSelection selection) {
        double[] cpu = cpuFit(ref, edgeAnchors.get(AcceleratorMode.OFF));
        Map<AcceleratorMode, double[]> tpu = new EnumMap<>(AcceleratorMode.class);
        for (AcceleratorMode mode : List.of(AcceleratorMode.STD, AcceleratorMode.MAX)) {
            Map<Integer, Double> a = edgeAnchors.get(mode);
            if (a == null || a.size() < 4) {
                continue;
            }
            double[][] x = a.keySet().stream().map(l -> tpuFeatures(ref, l)).toArray(double[][]::new);
            double[] y = a.values().stream().mapToDouble(Double::doubleValue).toArray();
            tpu.put(mode, LeastSquares.solveNonNegative(identifiable(x, selection), y));
        }
        double[][] cloud = new double[2][];
        for (boolean gpu : new boolean[] {false, true}) {
            Map<Integer, Double> a = cloudAnchors.get(gpu);
            if (a == null || a.size() < 4) {
                throw new IllegalStateException(ref.model() + " needs calibrated cloud times (gpu=" + gpu + ")");
            }
            double[][] x = a.keySet().stream().map(l -> cloudFeatures(ref, l)).toArray(double[][]::new);
            double[] y = a.values().stream().mapToDouble(Double::doubleValue).toArray();
            cloud[gpu ? 1 : 0] = LeastSquares.solveNonNegative(identifiable(x, selection), y);
        }
        return new ShapePriors(cpu[0], cpu[1], tpu, cloud);
    }

    /**
     * These priors with the edge CPU's overhead and per-MAC rate fitted on another network's CPU head times (ms at
     * f_max per split point, including 0 and L): a head's per-MAC time depends on its arithmetic (vgg16's int8 heads
     * run about twice as fast per MAC as vit-b16's float32 ones), so a float head is priced with a float network's
     * rate.
     */
    ShapePriors withCpuFrom(NetworkShape network, Map<Integer, Double> cpuAnchors) {
        double[] cpu = cpuFit(network, cpuAnchors);
        return new ShapePriors(cpu[0], cpu[1], tpu, cloud);
    }

    /** [overhead at 224x224x3, ms per million MACs]: layer 0's head time and the edge-only one's. */
    private static double[] cpuFit(NetworkShape ref, Map<Integer, Double> cpu) {
        if (cpu == null || !cpu.containsKey(0)) {
            throw new IllegalStateException(ref.model() + " needs calibrated CPU head times including layer 0");
        }
        int top = cpu.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        double h0 = cpu.get(0);
        return new double[] {h0, (cpu.get(top) - h0 - PER_LAYER_MS * top) / ref.headCpuWorkM(top)};
    }

    /** True when these priors price heads in {@code mode} (the CPU always; the Edge TPU when its rows were fitted). */
    boolean prices(AcceleratorMode mode) {
        return mode == AcceleratorMode.OFF || tpu.containsKey(mode);
    }

    /** Edge CPU time per million MACs (x CPU factor) at the highest clock, for reports. */
    double cpuMsPerMillionMacs() {
        return cpuMsPerWork;
    }

    /**
     * The features with the columns zeroed (no rate) that the reference's split points cannot tell apart: under
     * {@link FeatureSelection#VARYING} a feature that barely varies (it is the constant), under
     * {@link FeatureSelection#INDEPENDENT} also one whose remainder after the columns before it (the constant, then
     * MACs, bytes, weights) is small. The rate the least squares would give such a feature is an arbitrary trade
     * against the others (vit-b16 ships ~590 KB at every split, and its tail's weights shrink in step with its
     * MACs), and it blows up on a network where the feature does vary on its own.
     */
    static double[][] identifiable(double[][] x, FeatureSelection selection) {
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = x[r].clone();
        }
        List<Integer> kept = new ArrayList<>(List.of(0));
        for (int c = 1; c < x[0].length; c++) {
            List<Integer> basis = selection == FeatureSelection.INDEPENDENT ? kept : List.of(0);
            if (remainderShare(out, basis, c) < MIN_FEATURE_SPREAD) {
                for (double[] row : out) {
                    row[c] = 0;
                }
            } else {
                kept.add(c);
            }
        }
        return out;
    }

    /** Norm of column c's least-squares residual on the {@code basis} columns, over the norm of column c. */
    private static double remainderShare(double[][] x, List<Integer> basis, int c) {
        double[][] a = new double[x.length][basis.size()];
        double[] y = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            for (int k = 0; k < basis.size(); k++) {
                a[r][k] = x[r][basis.get(k)];
            }
            y[r] = x[r][c];
        }
        double size = Math.sqrt(Arrays.stream(y).map(v -> v * v).sum());
        if (size == 0) {
            return 0;
        }
        double[] b = LeastSquares.solve(a, y);
        double residual = 0;
        for (int r = 0; r < x.length; r++) {
            double e = y[r] - LeastSquares.dot(a[r], b);
            residual += e * e;
        }
        return Math.sqrt(residual) / size;
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
