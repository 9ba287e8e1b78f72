package io.dynasplit.testbed.emulated;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Compares the emulator with measured rows and the paper's published figures. */
public final class Calibration {
    /** The goal: median absolute error of latency and of energy, per network, in percent. */
    public static final double GOAL_PERCENT = 10.0;

    private Calibration() {
    }

    /** One measured row beside the emulator's noise-free prediction of the same configuration. */
    public record RowComparison(CalibrationRow measured, Prediction predicted) {
        public double latencyErrorPercent() {
            return Stats.absPercentError(predicted.latencyMs(), measured.latencyMs());
        }

        public double energyErrorPercent() {
            return Stats.absPercentError(predicted.energyJ(), measured.energyJ());
        }
    }

    /** Error statistics of one network's rows, in percent. */
    public record Summary(String model, int rows, double latencyMedian, double latencyP90, double latencyMax,
                          double energyMedian, double energyP90, double energyMax, double edgeLatencyMedian,
                          double transferMedian, double cloudLatencyMedian, double edgeEnergyMedian,
                          double cloudEnergyMedian, double gpuEnergyMedian) {
        public boolean meetsGoal() {
            return latencyMedian <= GOAL_PERCENT && energyMedian <= GOAL_PERCENT;
        }
    }

    /** A figure from the paper's text with the emulator's prediction; {@code energyJ} NaN where none is given. */
    public record PaperFigure(String figure, SplitConfig config, double latencyMs, double energyJ) {
    }

    public static List<RowComparison> compare(TestbedModel testbed, List<CalibrationRow> rows) {
        return rows.stream().map(r -> new RowComparison(r, testbed.predict(r.config()))).toList();
    }

    /**
     * K-fold cross-validation: every row predicted by a profile fitted without the rows of its fold. Shows the
     * emulator is a model that predicts configurations it has not seen, not a table of the rows.
     */
    public static List<RowComparison> crossValidate(List<CalibrationRow> rows, int folds, long seed) {
        List<CalibrationRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        List<RowComparison> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<CalibrationRow> train = new ArrayList<>();
            List<CalibrationRow> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % folds == k ? test : train).add(shuffled.get(i));
            }
            PaperTestbed fold = new PaperTestbed(PaperProfileFit.fit(train), CloudEnergyAccounting.WHOLE_NODE);
            out.addAll(compare(fold, test));
        }
        return out;
    }

    public static Summary summarize(String model, List<RowComparison> all) {
        List<RowComparison> c = all.stream().filter(x -> x.measured().config().model().equals(model)).toList();
        double[] lat = c.stream().mapToDouble(RowComparison::latencyErrorPercent).toArray();
        double[] en = c.stream().mapToDouble(RowComparison::energyErrorPercent).toArray();
        return new Summary(model, c.size(), Quantiles.median(lat), Quantiles.quantile(lat, 0.9), Quantiles.quantile(lat, 1.0),
                Quantiles.median(en), Quantiles.quantile(en, 0.9), Quantiles.quantile(en, 1.0),
                component(c, CalibrationRow::edgeLatencyMs, Prediction::edgeLatencyMs),
                component(c, CalibrationRow::transferMs, Prediction::transferMs),
                component(c, CalibrationRow::cloudLatencyMs, Prediction::cloudLatencyMs),
                component(c, CalibrationRow::edgeEnergyJ, Prediction::edgeEnergyJ),
                component(c, CalibrationRow::cloudEnergyJ, Prediction::cloudEnergyJ),
                gpuComponent(c));
    }

    private static double component(List<RowComparison> c, ToDoubleFunction<CalibrationRow> measured,
                                    ToDoubleFunction<Prediction> predicted) {
        return Quantiles.median(c.stream().filter(x -> measured.applyAsDouble(x.measured()) > 0)
                .mapToDouble(x -> Stats.absPercentError(predicted.applyAsDouble(x.predicted()),
                        measured.applyAsDouble(x.measured()))).toArray());
    }

    private static double gpuComponent(List<RowComparison> c) {
        PaperTestbed gpu = new PaperTestbed(CloudEnergyAccounting.GPU_MARGINAL);
        return Quantiles.median(c.stream().filter(x -> x.measured().cloudGpuEnergyJ() > 0)
                .mapToDouble(x -> Stats.absPercentError(gpu.predict(x.measured().config()).cloudEnergyJ(),
                        x.measured().cloudGpuEnergyJ())).toArray());
    }

    /** The rows of {@code model} with the largest latency (or energy) error, worst first. */
    public static List<RowComparison> worst(List<RowComparison> all, String model, boolean byEnergy, int n) {
        return all.stream().filter(x -> x.measured().config().model().equals(model))
                .sorted((a, b) -> Double.compare(byEnergy ? b.energyErrorPercent() : b.latencyErrorPercent(),
                        byEnergy ? a.energyErrorPercent() : a.latencyErrorPercent()))
                .limit(n).toList();
    }

    /**
     * Why a row is far from the prediction: the part of the run that deviates most, and the known pattern it
     * matches in the paper's data.
     */
    public static String explain(RowComparison c) {
        CalibrationRow m = c.measured();
        Prediction p = c.predicted();
        SplitConfig cfg = m.config();
        double dEdge = m.edgeLatencyMs() - p.edgeLatencyMs();
        double dTransfer = m.transferMs() - p.transferMs();
        double dCloud = m.cloudLatencyMs() - p.cloudLatencyMs();
        double biggest = Math.max(Math.abs(dEdge), Math.max(Math.abs(dTransfer), Math.abs(dCloud)));
        String runs = m.samples() == 1 ? "a single run" : "median of " + m.samples() + " runs";
        if (biggest == Math.abs(dEdge)) {
            double ratio = m.edgeLatencyMs() / p.edgeLatencyMs();
            if (cfg.edgeAccelerator() == AcceleratorMode.OFF && ratio < PaperProfileFit.STALE_RATIO && cfg.layer() > 0) {
                return String.format(Locale.ROOT, "the %d MHz setting did not take: the head took %.0f ms, %.0f%% of "
                        + "what %d MHz needs, as at a higher clock (%s)", cfg.cpuMhz(), m.edgeLatencyMs(), ratio * 100,
                        cfg.cpuMhz(), runs);
            }
            if (cfg.edgeAccelerator() != AcceleratorMode.OFF && isTpuTimingArtefact(m.edgeLatencyMs())) {
                return String.format(Locale.ROOT, "Edge TPU timing artefact: the head reports %.1f ms, one of the "
                        + "~41.3/82.3 ms values many TPU rows show whatever the layer (predicted %.1f ms; %s)",
                        m.edgeLatencyMs(), p.edgeLatencyMs(), runs);
            }
            return String.format(Locale.ROOT, "edge head %.1f ms measured vs %.1f ms predicted: run-to-run spread of "
                    + "the head (%s)", m.edgeLatencyMs(), p.edgeLatencyMs(), runs);
        }
        if (biggest == Math.abs(dTransfer)) {
            return String.format(Locale.ROOT, "network hiccup: transfer %.1f ms where the %.0f KB tensor usually takes "
                    + "%.1f ms (%s)", m.transferMs(), m.tensorKb(), p.transferMs(), runs);
        }
        return String.format(Locale.ROOT, "cloud processing %.1f ms measured vs %.1f ms typical for this tail on the "
                + "%s (%s)", m.cloudLatencyMs(), p.cloudLatencyMs(), cfg.cloudGpu() ? "GPU" : "CPU", runs);
    }

    private static boolean isTpuTimingArtefact(double ms) {
        return Math.abs(ms - 82.4) < 0.6 || Math.abs(ms - 41.3) < 0.4;
    }

    /** The figures quoted in paper-facts section 6 (bundled). */
    public static List<PaperFigure> paperFigures() {
        String resource = CalibrationData.RESOURCE_DIR + "paper-figures.csv";
        try (InputStream in = Calibration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            List<PaperFigure> figures = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                SplitConfig c = new SplitConfig(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        AcceleratorMode.parse(f[4]), Boolean.parseBoolean(f[5]));
                figures.add(new PaperFigure(f[0], c, Double.parseDouble(f[6]),
                        f[7].isBlank() ? Double.NaN : Double.parseDouble(f[7])));
            }
            return figures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
