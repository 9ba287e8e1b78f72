package io.dynasplit.testbed.emulated;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Fits the emulator to measured rows. Every parameter comes from the rows except the figures the rows cannot
 * show (run-to-run spread, reconfiguration cost, ViT's accuracy), which are the paper's.
 *
 * <ol>
 *   <li>Transfer: least squares of the median transfer time per tensor size on the size.</li>
 *   <li>Edge head time per (network, accelerator mode): for each candidate {@code alpha} (the share that does not
 *       scale with the clock) the per-split-point cost at f_max is the median of edge_ms / scale(f); the alpha
 *       with the lowest median error wins. Split points without rows are interpolated along the network (the
 *       shape prior's curve, scaled by the neighbouring calibrated points), so any valid configuration has a
 *       prediction.</li>
 *   <li>Cloud tail time per (network, cloud device): the median per split point, interpolated the same way.</li>
 *   <li>Edge power per accelerator mode (VGG16): edge energy = P_active(f) * edge time + P_wait(f) * (transfer +
 *       cloud time), least squares with outliers trimmed; other networks scale it by two fitted factors.</li>
 *   <li>Cloud power per (network, device): energy = P_base * cloud time + P_compute * (cloud time - floor).</li>
 * </ol>
 */
public final class PaperProfileFit {
    public static final List<Integer> PAPER_FREQUENCIES_MHZ = List.of(600, 800, 1000, 1200, 1400, 1600, 1800);
    /** The network whose rows fix the shape priors and the edge power model. */
    static final String REFERENCE = "vgg16";
    /** The measured network whose heads ran in float32 (paper-facts section 4; vgg16's heads are full-int8). */
    static final String FLOAT_HEADS = "vit-b16";
    static final double ALPHA_STEP = 0.005;
    static final double TPU_OVERHEAD_MAX_MS = 40;
    static final double TPU_OVERHEAD_STEP_MS = 0.5;
    static final double TPU_MS_PER_KB_MAX = 0.06;
    static final double TPU_MS_PER_KB_STEP = 0.001;
    /** A CPU run whose head took less than this share of the prediction ran at a higher clock than set. */
    static final double STALE_RATIO = 0.85;
    /** Tensor sizes must span this factor for the transfer line to show a fixed cost beside the throughput. */
    static final double TRANSFER_MIN_SPAN = 2.0;
    /** paper-facts: "ViT 0.699 everywhere" (the ViT table has no accuracy column). */
    static final double VIT_ACCURACY = 0.699;
    /** paper-facts, run-to-run spread: median CV of latency and energy per network. */
    static final Map<String, RunSpread> PAPER_SPREAD = Map.of(
            "vgg16", new RunSpread(0.020, 0.034, 0.75),
            "vit-b16", new RunSpread(0.011, 0.017, 0.75));

    private PaperProfileFit() {
    }

    /** Fits a profile of the paper's testbed to {@code rows} (they must include vgg16 rows of every kind). */
    public static PaperProfile fit(List<CalibrationRow> rows) {
        return fit(rows, REFERENCE);
    }

    /**
     * Fits a profile with {@code reference}'s rows fixing the shape priors (the per-operation rates) and the edge
     * power model. The bundled profile uses vgg16, the only network with rows of every accelerator mode; another
     * reference (vit-b16) prices the edge CPU only, which is what the cross-network check of the estimate needs:
     * rates fitted on one network, costs of another.
     */
    public static PaperProfile fit(List<CalibrationRow> rows, String reference) {
        return fit(rows, reference, FeatureSelection.INDEPENDENT);
    }

    /** The same with the shape priors' features chosen by {@code selection} (the estimate check compares both). */
    public static PaperProfile fit(List<CalibrationRow> rows, String reference, FeatureSelection selection) {
        return new Fit(rows, reference, selection).profile();
    }

    /** One fit's working state: the rows by network, their per-split-point anchors and the reference's models. */
    private static final class Fit {
        private final int maxMhz = PAPER_FREQUENCIES_MHZ.get(PAPER_FREQUENCIES_MHZ.size() - 1);
        private final List<CalibrationRow> rows;
        private final String reference;
        private final FeatureSelection selection;
        private final Map<String, List<CalibrationRow>> byModel;
        private final Map<String, Map<AcceleratorMode, AnchorFit>> edgeFits = new HashMap<>();
        private final Map<String, Map<Boolean, Map<Integer, Double>>> cloudAnchors = new HashMap<>();

        Fit(List<CalibrationRow> rows, String reference, FeatureSelection selection) {
            this.rows = rows;
            this.reference = reference;
            this.selection = selection;
            this.byModel = rows.stream().collect(Collectors.groupingBy(r -> r.config().model(), LinkedHashMap::new,
                    Collectors.toList()));
            if (!byModel.containsKey(reference) || NetworkShapes.find(reference).isEmpty()) {
                throw new IllegalArgumentException("calibration needs " + reference + " rows");
            }
            byModel.forEach(this::fitAnchors);
        }

        private void fitAnchors(String model, List<CalibrationRow> modelRows) {
            NetworkShape shape = NetworkShapes.find(model).orElse(null);
            if (shape == null) {
                return; // a network whose shape disagrees with its descriptor is not supported
            }
            Map<AcceleratorMode, AnchorFit> fits = new EnumMap<>(AcceleratorMode.class);
            for (AcceleratorMode mode : AcceleratorMode.values()) {
                List<CalibrationRow> r = filter(modelRows, x -> x.config().edgeAccelerator() == mode
                        && x.edgeLatencyMs() > 0);
                if (!r.isEmpty()) {
                    fits.put(mode, fitEdgeAnchors(shape, mode, r, maxMhz));
                }
            }
            edgeFits.put(model, fits);
            Map<Boolean, Map<Integer, Double>> cloud = new HashMap<>();
            for (boolean gpu : new boolean[] {false, true}) {
                cloud.put(gpu, medianByLayer(filter(modelRows, x -> x.config().cloudGpu() == gpu
                        && x.config().layer() < shape.lastLayer() && x.cloudLatencyMs() > 0), CalibrationRow::cloudLatencyMs));
            }
            cloudAnchors.put(model, cloud);
        }

        PaperProfile profile() {
            NetworkShape ref = NetworkShapes.require(reference);
            Map<AcceleratorMode, Map<Integer, Double>> refEdgeAnchors = new EnumMap<>(AcceleratorMode.class);
            Map<AcceleratorMode, CpuShare> refShares = new EnumMap<>(AcceleratorMode.class);
            edgeFits.get(reference).forEach((mode, fit) -> {
                refEdgeAnchors.put(mode, fit.totalsAtMax());
                refShares.put(mode, fit.share());
            });
            ShapePriors priors = ShapePriors.fit(ref, refEdgeAnchors, cloudAnchors.get(reference), selection);
            EdgePowerModel refPower = fitReferencePower(byModel.get(reference), maxMhz, reference);
            RunSpread refSpread = PAPER_SPREAD.getOrDefault(reference, PAPER_SPREAD.get(REFERENCE));
            // the reference's own cloud curves carry the power every unmeasured network borrows
            ShapeEstimator bare = new ShapeEstimator(reference, priors, refShares, refPower, null, null, refSpread);
            NetworkCosts refCosts = measured(reference, bare);
            ShapeEstimator estimator = new ShapeEstimator(reference, priors, refShares, refPower, refCosts.cloudCpu(),
                    refCosts.cloudGpu(), refSpread);

            Map<String, NetworkCosts> networks = new HashMap<>();
            networks.put(reference, refCosts);
            for (String model : List.of("vgg16", "vit-b16", "resnet50", "mobilenetv2", "fmnist-cnn")) {
                if (model.equals(reference) || NetworkShapes.find(model).isEmpty()) {
                    continue;
                }
                networks.put(model, byModel.containsKey(model) ? measured(model, estimator) : unmeasured(model, estimator));
            }
            Map<Integer, Double> stale = staleProbabilities(rows, networks, maxMhz);
            return new PaperProfile(PAPER_FREQUENCIES_MHZ, fitTransfer(rows), networks, stale,
                    ReconfigurationModel.paper(), priors.toString(), reference, estimator,
                    floatHeads(estimator, networks));
        }

        /**
         * The estimator for float32 heads (imported networks: ONNX Runtime runs them in float): the reference's,
         * with the edge CPU's rate, clock share and power taken from the measured network whose heads ran in float
         * (vit-b16), when the rows measure it at layer 0 and edge-only; else the reference's as it is.
         */
        private ShapeEstimator floatHeads(ShapeEstimator estimator, Map<String, NetworkCosts> networks) {
            AnchorFit fit = edgeFits.getOrDefault(FLOAT_HEADS, Map.of()).get(AcceleratorMode.OFF);
            NetworkShape shape = NetworkShapes.find(FLOAT_HEADS).orElse(null);
            if (FLOAT_HEADS.equals(reference) || fit == null || shape == null
                    || !fit.totalsAtMax().containsKey(0) || !fit.totalsAtMax().containsKey(shape.lastLayer())) {
                return estimator;
            }
            return estimator.withEdgeCpu(FLOAT_HEADS, estimator.priors().withCpuFrom(shape, fit.totalsAtMax()),
                    fit.share(), networks.get(FLOAT_HEADS).power());
        }

        /** A network the rows do not measure: the shape priors alone (as for an imported network). */
        private NetworkCosts unmeasured(String model, ShapeEstimator estimator) {
            NetworkShape shape = NetworkShapes.require(model);
            double[][] accuracy = accuracy(model, shape, List.of());
            return estimator.costs(shape, Models.require(model).acceleratorCapable(), accuracy,
                    PAPER_SPREAD.getOrDefault(model, estimator.spread()));
        }

        /** A measured network: the shape priors' curves scaled through its calibrated split points. */
        private NetworkCosts measured(String model, ShapeEstimator estimator) {
            ModelDescriptor descriptor = Models.require(model);
            NetworkShape shape = NetworkShapes.require(model);
            List<CalibrationRow> modelRows = byModel.get(model);
            Map<AcceleratorMode, AnchorFit> fits = edgeFits.getOrDefault(model, Map.of());

            Map<AcceleratorMode, EdgeCurve> edge = new EnumMap<>(AcceleratorMode.class);
            for (AcceleratorMode mode : AcceleratorMode.values()) {
                if (mode != AcceleratorMode.OFF && !descriptor.acceleratorCapable()) {
                    continue;
                }
                AnchorFit fit = fits.get(mode);
                if (fit == null) {
                    estimator.edge(shape, mode).ifPresent(curve -> edge.put(mode, curve));
                    continue;
                }
                int first = mode == AcceleratorMode.OFF ? 0 : 1;
                double[] curve = corrected(shape, first, shape.lastLayer(),
                        l -> estimator.priors().edgeMs(shape, mode, l), fit.totalsAtMax());
                edge.put(mode, EdgeCurve.of(fit.share(), curve, shape, true));
            }
            CloudCurve cpu = measuredCloud(model, shape, modelRows, false, estimator);
            CloudCurve gpu = measuredCloud(model, shape, modelRows, true, estimator);
            EdgePowerModel power = model.equals(reference) ? estimator.power()
                    : scaledPower(estimator.power(), modelRows, maxMhz);
            double[][] accuracy = accuracy(model, shape, modelRows);
            RunSpread spread = PAPER_SPREAD.getOrDefault(model, estimator.spread());
            return new NetworkCosts(shape, edge, cpu, gpu, power, accuracy[0], accuracy[1], spread, true);
        }

        private CloudCurve measuredCloud(String model, NetworkShape shape, List<CalibrationRow> modelRows, boolean gpu,
                                         ShapeEstimator estimator) {
            Map<Integer, Double> anchors = cloudAnchors.getOrDefault(model, Map.of()).getOrDefault(gpu, Map.of());
            double[] curve = corrected(shape, 0, shape.lastLayer() - 1,
                    l -> estimator.priors().cloudMs(shape, gpu, l), anchors);
            double floor = Arrays.stream(curve, 0, shape.lastLayer()).min().orElse(0);
            List<CalibrationRow> r = filter(modelRows, x -> x.config().cloudGpu() == gpu && x.cloudLatencyMs() > 0);
            double[] node = fitCloudPower(r, floor, CalibrationRow::cloudEnergyJ);
            double[] board = fitCloudPower(filter(r, x -> !Double.isNaN(x.cloudGpuEnergyJ())), floor,
                    CalibrationRow::cloudGpuEnergyJ);
            CloudCurve ref = estimator.cloudReference(gpu);
            if (node == null && ref != null) {
                node = new double[] {ref.nodeBaseWatts(), ref.nodeComputeWatts()};
            }
            if (board == null && ref != null) {
                board = new double[] {ref.gpuBaseWatts(), ref.gpuComputeWatts()};
            }
            if (node == null || board == null) {
                throw new IllegalArgumentException(model + " has too few cloud rows to fit the cloud power (gpu=" + gpu + ")");
            }
            return new CloudCurve(curve, !anchors.isEmpty(), floor, node[0], node[1], board[0], board[1]);
        }
    }

    /** The fitted clock share and per-split-point head time at f_max for one (network, accelerator mode). */
    record AnchorFit(CpuShare share, Map<Integer, Double> totalsAtMax, double medianErrorPercent) {
    }

    /**
     * CPU heads: for each alpha on a grid the per-split-point time at f_max is the median of
     * edge_ms / (alpha + (1 - alpha) f_max / f); the alpha with the lowest median error wins.
     * Edge TPU heads: the CPU part is overhead + ms/KB x output KB (grid over both), the rest is the median of
     * edge_ms - cpu part x f_max / f.
     */
    static AnchorFit fitEdgeAnchors(NetworkShape shape, AcceleratorMode mode, List<CalibrationRow> rows, int maxMhz) {
        AnchorFit best = null;
        if (mode == AcceleratorMode.OFF) {
            for (int i = 0; i * ALPHA_STEP <= 1.0 + 1e-9; i++) {
                best = better(best, evaluate(shape, CpuShare.proportional(i * ALPHA_STEP), rows, maxMhz));
            }
        } else {
            // coarse grid (4x the steps), then the fine steps around the coarse optimum
            for (int i = 0; i * 4 * TPU_OVERHEAD_STEP_MS <= TPU_OVERHEAD_MAX_MS + 1e-9; i++) {
                for (int j = 0; j * 4 * TPU_MS_PER_KB_STEP <= TPU_MS_PER_KB_MAX + 1e-12; j++) {
                    best = better(best, evaluate(shape, CpuShare.accelerator(i * 4 * TPU_OVERHEAD_STEP_MS,
                            j * 4 * TPU_MS_PER_KB_STEP), rows, maxMhz));
                }
            }
            CpuShare coarse = best.share();
            for (int i = -4; i <= 4; i++) {
                for (int j = -4; j <= 4; j++) {
                    double overhead = coarse.overheadMs() + i * TPU_OVERHEAD_STEP_MS;
                    double perKb = coarse.msPerOutputKb() + j * TPU_MS_PER_KB_STEP;
                    if (overhead >= 0 && perKb >= 0) {
                        best = better(best, evaluate(shape, CpuShare.accelerator(overhead, perKb), rows, maxMhz));
                    }
                }
            }
        }
        return best;
    }

    private static AnchorFit better(AnchorFit best, AnchorFit candidate) {
        return best == null || candidate.medianErrorPercent() < best.medianErrorPercent() - 1e-12 ? candidate : best;
    }

    private static AnchorFit evaluate(NetworkShape shape, CpuShare share, List<CalibrationRow> rows, int maxMhz) {
        Map<Integer, Double> totals;
        if (share.alpha() < 1) {
            totals = medianByLayer(rows, r -> r.edgeLatencyMs()
                    / (share.alpha() + (1 - share.alpha()) * maxMhz / (double) r.config().cpuMhz()));
        } else {
            // the CPU part does not depend on the total here: take it off, the median of the rest is the fixed part
            Map<Integer, Double> fixed = medianByLayer(rows, r -> r.edgeLatencyMs()
                    - share.scaledMs(Double.MAX_VALUE, shape, r.config().layer()) * maxMhz / r.config().cpuMhz());
            totals = new TreeMap<>();
            fixed.forEach((l, t) -> totals.put(l, t + share.scaledMs(Double.MAX_VALUE, shape, l)));
        }
        double err = Quantiles.median(rows.stream().mapToDouble(r -> {
            int l = r.config().layer();
            double total = totals.get(l);
            double scaled = share.scaledMs(total, shape, l);
            return Stats.absPercentError(total - scaled + scaled * maxMhz / r.config().cpuMhz(), r.edgeLatencyMs());
        }).toArray());
        return new AnchorFit(share, totals, err);
    }

    static TransferModel fitTransfer(List<CalibrationRow> rows) {
        TreeMap<Long, List<Double>> bySize = new TreeMap<>();
        for (CalibrationRow r : rows) {
            if (r.transferMs() > 0 && r.tensorKb() > 0) {
                bySize.computeIfAbsent(Math.round(r.tensorKb() * 10), k -> new ArrayList<>()).add(r.transferMs());
            }
        }
        if (bySize.isEmpty()) {
            throw new IllegalArgumentException("transfer needs rows that ship a tensor");
        }
        if (bySize.lastKey() < TRANSFER_MIN_SPAN * bySize.firstKey()) {
            // one tensor size (ViT ships ~590 KB at every split) shows the throughput only, not a fixed cost
            double[] msPerKb = rows.stream().filter(r -> r.transferMs() > 0 && r.tensorKb() > 0)
                    .mapToDouble(r -> r.transferMs() / r.tensorKb()).toArray();
            return new TransferModel(0, Quantiles.median(msPerKb));
        }
        // medians per size, weighted by sqrt(count): one bad run must not tilt the line, many runs count more
        double[][] x = new double[bySize.size()][];
        double[] y = new double[bySize.size()];
        int i = 0;
        for (Map.Entry<Long, List<Double>> e : bySize.entrySet()) {
            double w = Math.sqrt(e.getValue().size());
            x[i] = new double[] {w, w * e.getKey() / 10.0};
            y[i] = w * Quantiles.median(e.getValue());
            i++;
        }
        double[] b = LeastSquares.solve(x, y);
        return new TransferModel(b[0], b[1]);
    }

    /**
     * The reference's edge power per accelerator mode. Every mode with rows is fitted; the CPU mode is required,
     * the accelerator modes only price networks when the reference measured them (vit-b16 has none).
     */
    static EdgePowerModel fitReferencePower(List<CalibrationRow> rows, int maxMhz, String reference) {
        Map<AcceleratorMode, double[]> coefficients = new EnumMap<>(AcceleratorMode.class);
        for (AcceleratorMode mode : AcceleratorMode.values()) {
            List<CalibrationRow> r = filter(rows, x -> x.config().edgeAccelerator() == mode && x.edgeEnergyJ() > 0);
            if (r.isEmpty() && mode != AcceleratorMode.OFF) {
                continue;
            }
            if (r.size() < 10) {
                throw new IllegalArgumentException(reference + " needs rows with accelerator " + mode.wireName());
            }
            double[][] x = new double[r.size()][];
            double[] y = new double[r.size()];
            for (int i = 0; i < r.size(); i++) {
                CalibrationRow row = r.get(i);
                double f = row.config().cpuMhz() / (double) maxMhz;
                double e = row.edgeLatencyMs() / 1000;
                double w = row.waitMs() / 1000;
                x[i] = new double[] {e, e * f, e * f * f * f, w, w * f};
                y[i] = row.edgeEnergyJ();
            }
            coefficients.put(mode, LeastSquares.solveTrimmed(x, y));
        }
        EdgePowerModel model = new EdgePowerModel(coefficients, maxMhz);
        for (AcceleratorMode mode : coefficients.keySet()) {
            for (int mhz : PAPER_FREQUENCIES_MHZ) {
                if (model.activeWatts(mode, mhz) <= 0 || model.waitWatts(mode, mhz) <= 0) {
                    throw new IllegalStateException("fitted edge power is not positive at " + mhz + " MHz, " + mode);
                }
            }
        }
        return model;
    }

    /** A measured network other than the reference: two factors on the reference's CPU power (active, waiting). */
    static EdgePowerModel scaledPower(EdgePowerModel ref, List<CalibrationRow> rows, int maxMhz) {
        List<CalibrationRow> r = filter(rows, x -> x.config().edgeAccelerator() == AcceleratorMode.OFF
                && x.edgeEnergyJ() > 0 && x.waitMs() > 0);
        List<CalibrationRow> edgeOnly = filter(rows, x -> x.config().edgeAccelerator() == AcceleratorMode.OFF
                && x.edgeEnergyJ() > 0 && x.waitMs() == 0);
        if (r.size() + edgeOnly.size() < 3 || r.isEmpty()) {
            return ref;
        }
        List<CalibrationRow> all = new ArrayList<>(r);
        all.addAll(edgeOnly);
        double[][] x = new double[all.size()][];
        double[] y = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            CalibrationRow row = all.get(i);
            int mhz = row.config().cpuMhz();
            x[i] = new double[] {ref.activeWatts(AcceleratorMode.OFF, mhz) * row.edgeLatencyMs() / 1000,
                    ref.waitWatts(AcceleratorMode.OFF, mhz) * row.waitMs() / 1000};
            y[i] = row.edgeEnergyJ();
        }
        double[] k = LeastSquares.solveTrimmed(x, y);
        if (k[0] <= 0 || k[1] <= 0) {
            return ref;
        }
        return ref.scaled(k[0], k[1]);
    }

    /** [P_base, P_compute] in W, or null without enough rows. */
    static double[] fitCloudPower(List<CalibrationRow> rows, double floorMs,
                                  java.util.function.ToDoubleFunction<CalibrationRow> energy) {
        if (rows.size() < 3) {
            return null;
        }
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double t = rows.get(i).cloudLatencyMs();
            x[i] = new double[] {t / 1000, Math.max(0, t - floorMs) / 1000};
            y[i] = energy.applyAsDouble(rows.get(i));
        }
        double[] b = LeastSquares.solveTrimmed(x, y);
        return new double[] {b[0], Math.max(0, b[1])};
    }

    /**
     * The shape prior along [from, to], multiplied by the ratio measured/prior of the calibrated split points,
     * interpolated linearly along the network between them and held constant beyond them.
     */
    static double[] corrected(NetworkShape shape, int from, int to, IntToDoubleFunction prior,
                              Map<Integer, Double> anchors) {
        double[] curve = new double[shape.lastLayer() + 1];
        TreeMap<Integer, Double> ratio = new TreeMap<>();
        anchors.forEach((l, v) -> {
            if (l >= from && l <= to) {
                ratio.put(l, v / prior.applyAsDouble(l));
            }
        });
        for (int l = from; l <= to; l++) {
            double p = prior.applyAsDouble(l);
            if (ratio.isEmpty()) {
                curve[l] = p;
                continue;
            }
            Map.Entry<Integer, Double> lo = ratio.floorEntry(l);
            Map.Entry<Integer, Double> hi = ratio.ceilingEntry(l);
            double r;
            if (lo == null) {
                r = hi.getValue();
            } else if (hi == null || hi.getKey().equals(lo.getKey())) {
                r = lo.getValue();
            } else {
                double t = (shape.position(l) - shape.position(lo.getKey()))
                        / (shape.position(hi.getKey()) - shape.position(lo.getKey()));
                r = lo.getValue() + (hi.getValue() - lo.getValue()) * t;
            }
            curve[l] = p * r;
        }
        return curve;
    }

    /** [cpu heads, accelerator heads] accuracy per split point. */
    static double[][] accuracy(String model, NetworkShape shape, List<CalibrationRow> rows) {
        int n = shape.lastLayer() + 1;
        double[] cpu = new double[n];
        double[] acc = new double[n];
        if (model.equals("vit-b16")) {
            Arrays.fill(cpu, VIT_ACCURACY);
            Arrays.fill(acc, VIT_ACCURACY);
            return new double[][] {cpu, acc};
        }
        List<CalibrationRow> withAccuracy = filter(rows, r -> !Double.isNaN(r.accuracy()));
        if (withAccuracy.isEmpty()) {
            Arrays.fill(cpu, Double.NaN);
            Arrays.fill(acc, Double.NaN);
            return new double[][] {cpu, acc};
        }
        Map<Integer, Double> cpuByLayer = medianByLayer(filter(withAccuracy,
                r -> r.config().edgeAccelerator() == AcceleratorMode.OFF), CalibrationRow::accuracy);
        Map<Integer, Double> accByLayer = medianByLayer(filter(withAccuracy,
                r -> r.config().edgeAccelerator() != AcceleratorMode.OFF), CalibrationRow::accuracy);
        for (int l = 0; l < n; l++) {
            cpu[l] = nearest(cpuByLayer, accByLayer, l);
            acc[l] = nearest(accByLayer, cpuByLayer, l);
        }
        return new double[][] {cpu, acc};
    }

    /** The value at l, else the other head kind's at l (int8 heads score alike), else the nearest split point's. */
    private static double nearest(Map<Integer, Double> primary, Map<Integer, Double> secondary, int l) {
        if (primary.containsKey(l)) {
            return primary.get(l);
        }
        if (secondary.containsKey(l)) {
            return secondary.get(l);
        }
        TreeMap<Integer, Double> all = new TreeMap<>(secondary);
        all.putAll(primary);
        Map.Entry<Integer, Double> lo = all.floorEntry(l);
        Map.Entry<Integer, Double> hi = all.ceilingEntry(l);
        if (lo == null) {
            return hi.getValue();
        }
        if (hi == null) {
            return lo.getValue();
        }
        return l - lo.getKey() <= hi.getKey() - l ? lo.getValue() : hi.getValue();
    }

    /** Per CPU frequency below the top, the share of CPU head runs that ran faster than that clock allows. */
    static Map<Integer, Double> staleProbabilities(List<CalibrationRow> rows, Map<String, NetworkCosts> networks,
                                                   int maxMhz) {
        Map<Integer, int[]> counts = new TreeMap<>();
        for (CalibrationRow r : rows) {
            if (r.config().edgeAccelerator() != AcceleratorMode.OFF || r.config().layer() == 0
                    || r.config().cpuMhz() >= maxMhz) {
                continue;
            }
            double predicted = networks.get(r.config().model()).edge(AcceleratorMode.OFF)
                    .ms(r.config().layer(), r.config().cpuMhz(), maxMhz);
            int[] c = counts.computeIfAbsent(r.config().cpuMhz(), k -> new int[2]);
            c[1]++;
            if (r.edgeLatencyMs() < STALE_RATIO * predicted) {
                c[0]++;
            }
        }
        Map<Integer, Double> p = new TreeMap<>();
        for (int mhz : PAPER_FREQUENCIES_MHZ) {
            int[] c = counts.get(mhz);
            p.put(mhz, c == null || c[1] == 0 ? 0.0 : c[0] / (double) c[1]);
        }
        return p;
    }

    static Map<Integer, Double> medianByLayer(List<CalibrationRow> rows,
                                              java.util.function.ToDoubleFunction<CalibrationRow> value) {
        Map<Integer, List<Double>> byLayer = new TreeMap<>();
        for (CalibrationRow r : rows) {
            byLayer.computeIfAbsent(r.config().layer(), k -> new ArrayList<>()).add(value.applyAsDouble(r));
        }
        Map<Integer, Double> medians = new TreeMap<>();
        byLayer.forEach((l, v) -> medians.put(l, Quantiles.median(v)));
        return medians;
    }

    private static List<CalibrationRow> filter(List<CalibrationRow> rows, Predicate<CalibrationRow> p) {
        return rows.stream().filter(p).toList();
    }
}
