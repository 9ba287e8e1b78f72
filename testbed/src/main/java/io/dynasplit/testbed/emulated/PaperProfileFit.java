package io.dynasplit.testbed.emulated;

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
    static final double ALPHA_STEP = 0.005;
    static final double TPU_OVERHEAD_MAX_MS = 40;
    static final double TPU_OVERHEAD_STEP_MS = 0.5;
    static final double TPU_MS_PER_KB_MAX = 0.06;
    static final double TPU_MS_PER_KB_STEP = 0.001;
    /** A CPU run whose head took less than this share of the prediction ran at a higher clock than set. */
    static final double STALE_RATIO = 0.85;
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
        int maxMhz = PAPER_FREQUENCIES_MHZ.get(PAPER_FREQUENCIES_MHZ.size() - 1);
        Map<String, List<CalibrationRow>> byModel = rows.stream()
                .collect(Collectors.groupingBy(r -> r.config().model(), LinkedHashMap::new, Collectors.toList()));
        if (!byModel.containsKey(REFERENCE)) {
            throw new IllegalArgumentException("calibration needs " + REFERENCE + " rows");
        }
        TransferModel transfer = fitTransfer(rows);

        Map<String, Map<AcceleratorMode, AnchorFit>> edgeFits = new HashMap<>();
        Map<String, Map<Boolean, Map<Integer, Double>>> cloudAnchors = new HashMap<>();
        byModel.forEach((model, modelRows) -> {
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
        });

        NetworkShape ref = NetworkShapes.require(REFERENCE);
        Map<AcceleratorMode, Map<Integer, Double>> refEdgeAnchors = new EnumMap<>(AcceleratorMode.class);
        edgeFits.get(REFERENCE).forEach((mode, fit) -> refEdgeAnchors.put(mode, fit.totalsAtMax()));
        ShapePriors priors = ShapePriors.fit(ref, refEdgeAnchors, cloudAnchors.get(REFERENCE));

        EdgePowerModel refPower = fitReferencePower(byModel.get(REFERENCE), maxMhz);

        Map<String, NetworkCosts> networks = new HashMap<>();
        NetworkCosts refCosts = null;
        for (String model : List.of(REFERENCE, "vit-b16", "resnet50", "mobilenetv2", "fmnist-cnn")) {
            if (NetworkShapes.find(model).isEmpty()) {
                continue;
            }
            ModelDescriptor descriptor = Models.require(model);
            NetworkShape shape = NetworkShapes.require(model);
            List<CalibrationRow> modelRows = byModel.getOrDefault(model, List.of());
            Map<AcceleratorMode, AnchorFit> fits = edgeFits.getOrDefault(model, Map.of());

            Map<AcceleratorMode, EdgeCurve> edge = new EnumMap<>(AcceleratorMode.class);
            for (AcceleratorMode mode : AcceleratorMode.values()) {
                if (mode != AcceleratorMode.OFF && !descriptor.acceleratorCapable()) {
                    continue;
                }
                AnchorFit fit = fits.get(mode);
                CpuShare share = fit != null ? fit.share() : edgeFits.get(REFERENCE).get(mode).share();
                int first = mode == AcceleratorMode.OFF ? 0 : 1;
                double[] curve = corrected(shape, first, shape.lastLayer(), l -> priors.edgeMs(shape, mode, l),
                        fit == null ? Map.of() : fit.totalsAtMax());
                edge.put(mode, EdgeCurve.of(share, curve, shape, fit != null));
            }

            CloudCurve[] cloud = new CloudCurve[2];
            for (boolean gpu : new boolean[] {false, true}) {
                Map<Integer, Double> anchors = cloudAnchors.getOrDefault(model, Map.of()).getOrDefault(gpu, Map.of());
                double[] curve = corrected(shape, 0, shape.lastLayer() - 1, l -> priors.cloudMs(shape, gpu, l), anchors);
                double floor = Arrays.stream(curve, 0, shape.lastLayer()).min().orElse(0);
                List<CalibrationRow> r = filter(modelRows, x -> x.config().cloudGpu() == gpu && x.cloudLatencyMs() > 0);
                double[] node = fitCloudPower(r, floor, CalibrationRow::cloudEnergyJ);
                double[] board = fitCloudPower(filter(r, x -> !Double.isNaN(x.cloudGpuEnergyJ())), floor,
                        CalibrationRow::cloudGpuEnergyJ);
                if (node == null && refCosts != null) {
                    CloudCurve c = refCosts.cloud(gpu);
                    node = new double[] {c.nodeBaseWatts(), c.nodeComputeWatts()};
                }
                if (board == null && refCosts != null) {
                    CloudCurve c = refCosts.cloud(gpu);
                    board = new double[] {c.gpuBaseWatts(), c.gpuComputeWatts()};
                }
                if (node == null || board == null) {
                    throw new IllegalArgumentException(model + " has too few cloud rows to fit the cloud power (gpu=" + gpu + ")");
                }
                cloud[gpu ? 1 : 0] = new CloudCurve(curve, !anchors.isEmpty(), floor, node[0], node[1], board[0], board[1]);
            }

            EdgePowerModel power = model.equals(REFERENCE) ? refPower : scaledPower(refPower, modelRows, maxMhz);
            double[][] accuracy = accuracy(model, shape, modelRows);
            RunSpread spread = PAPER_SPREAD.getOrDefault(model, PAPER_SPREAD.get(REFERENCE));
            NetworkCosts costs = new NetworkCosts(shape, edge, cloud[0], cloud[1], power, accuracy[0], accuracy[1],
                    spread, !modelRows.isEmpty());
            networks.put(model, costs);
            if (model.equals(REFERENCE)) {
                refCosts = costs;
            }
        }
        Map<Integer, Double> stale = staleProbabilities(rows, networks, maxMhz);
        return new PaperProfile(PAPER_FREQUENCIES_MHZ, transfer, networks, stale, ReconfigurationModel.paper(),
                priors.toString());
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
        double err = Stats.median(rows.stream().mapToDouble(r -> {
            int l = r.config().layer();
            double total = totals.get(l);
            double scaled = share.scaledMs(total, shape, l);
            return Stats.absPercentError(total - scaled + scaled * maxMhz / r.config().cpuMhz(), r.edgeLatencyMs());
        }).toArray());
        return new AnchorFit(share, totals, err);
    }

    static TransferModel fitTransfer(List<CalibrationRow> rows) {
        Map<Long, List<Double>> bySize = new TreeMap<>();
        for (CalibrationRow r : rows) {
            if (r.transferMs() > 0 && r.tensorKb() > 0) {
                bySize.computeIfAbsent(Math.round(r.tensorKb() * 10), k -> new ArrayList<>()).add(r.transferMs());
            }
        }
        if (bySize.size() < 2) {
            throw new IllegalArgumentException("transfer needs rows with at least two tensor sizes");
        }
        // medians per size, weighted by sqrt(count): one bad run must not tilt the line, many runs count more
        double[][] x = new double[bySize.size()][];
        double[] y = new double[bySize.size()];
        int i = 0;
        for (Map.Entry<Long, List<Double>> e : bySize.entrySet()) {
            double w = Math.sqrt(e.getValue().size());
            x[i] = new double[] {w, w * e.getKey() / 10.0};
            y[i] = w * Stats.median(e.getValue());
            i++;
        }
        double[] b = LeastSquares.solve(x, y);
        return new TransferModel(b[0], b[1]);
    }

    static EdgePowerModel fitReferencePower(List<CalibrationRow> rows, int maxMhz) {
        Map<AcceleratorMode, double[]> coefficients = new EnumMap<>(AcceleratorMode.class);
        for (AcceleratorMode mode : AcceleratorMode.values()) {
            List<CalibrationRow> r = filter(rows, x -> x.config().edgeAccelerator() == mode && x.edgeEnergyJ() > 0);
            if (r.size() < 10) {
                throw new IllegalArgumentException(REFERENCE + " needs rows with accelerator " + mode.wireName());
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
        for (AcceleratorMode mode : AcceleratorMode.values()) {
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
        byLayer.forEach((l, v) -> medians.put(l, Stats.median(v)));
        return medians;
    }

    private static List<CalibrationRow> filter(List<CalibrationRow> rows, Predicate<CalibrationRow> p) {
        return rows.stream().filter(p).toList();
    }
}
