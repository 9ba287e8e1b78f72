package io.dynasplit.testbed.emulated;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * How far to trust an {@code estimated:} figure, measured on the authors' data: the per-operation estimate (the
 * shape priors that price every network the paper did not measure, imported ones included) is fitted on one
 * measured network's rows alone and predicts every measured configuration of the other, and of itself (in-sample).
 * Only edge-CPU rows count: an estimated network runs its head on the CPU.
 */
public final class EstimateCheck {
    /** The two networks the paper measured. */
    public static final List<String> NETWORKS = List.of("vgg16", "vit-b16");

    private EstimateCheck() {
    }

    /**
     * Median absolute percentage error of one direction (rates fitted on {@code fittedOn}, costs of
     * {@code predicted}) per quantity, over the predicted network's measured edge-CPU configurations.
     */
    public record Direction(String fittedOn, String predicted, int rows, double edgeLatency, double edgeEnergy,
                            double cloudLatency, double cloudEnergy, double latency, double energy) {

        public boolean inSample() {
            return fittedOn.equals(predicted);
        }
    }

    /** Every direction between the measured networks of {@code rows} with the form in use. */
    public static List<Direction> run(List<CalibrationRow> rows) {
        return run(rows, FeatureSelection.INDEPENDENT);
    }

    /** Every direction between the measured networks of {@code rows}: vgg16 on vgg16, vgg16 on vit-b16, ... */
    public static List<Direction> run(List<CalibrationRow> rows, FeatureSelection selection) {
        List<Direction> out = new ArrayList<>();
        for (String fitted : NETWORKS) {
            PaperProfile profile = PaperProfileFit.fit(rowsOf(rows, fitted), fitted, selection);
            for (String predicted : NETWORKS) {
                out.add(direction(profile, fitted, predicted, rowsOf(rows, predicted)));
            }
        }
        return out;
    }

    /** Edge CPU ms per million MACs at the highest clock, fitted on each measured network alone. */
    public static Map<String, Double> cpuRates(List<CalibrationRow> rows) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String fitted : NETWORKS) {
            rates.put(fitted, PaperProfileFit.fit(rowsOf(rows, fitted), fitted).estimator().priors()
                    .cpuMsPerMillionMacs());
        }
        return rates;
    }

    private static Direction direction(PaperProfile profile, String fitted, String predicted,
                                       List<CalibrationRow> measured) {
        NetworkCosts costs = profile.estimator().costs(NetworkShapes.require(predicted), false);
        List<CalibrationRow> cpu = measured.stream()
                .filter(r -> r.config().edgeAccelerator() == AcceleratorMode.OFF).toList();
        List<Prediction> predictions = cpu.stream().map(r -> predict(profile, costs, r.config())).toList();
        return new Direction(fitted, predicted, cpu.size(),
                error(cpu, predictions, r -> r.edgeLatencyMs() > 0, CalibrationRow::edgeLatencyMs, Prediction::edgeLatencyMs),
                error(cpu, predictions, r -> r.edgeEnergyJ() > 0, CalibrationRow::edgeEnergyJ, Prediction::edgeEnergyJ),
                error(cpu, predictions, r -> r.cloudLatencyMs() > 0, CalibrationRow::cloudLatencyMs, Prediction::cloudLatencyMs),
                error(cpu, predictions, r -> r.cloudEnergyJ() > 0, CalibrationRow::cloudEnergyJ, Prediction::cloudEnergyJ),
                error(cpu, predictions, r -> r.latencyMs() > 0, CalibrationRow::latencyMs, Prediction::latencyMs),
                error(cpu, predictions, r -> r.energyJ() > 0, CalibrationRow::energyJ, Prediction::energyJ));
    }

    private static Prediction predict(PaperProfile profile, NetworkCosts costs, SplitConfig config) {
        SplitConfig c = Models.require(config.model()).canonical(config);
        return PaperTestbed.median(profile, costs, CloudEnergyAccounting.WHOLE_NODE, "estimated:" + PaperTestbed.ID, c);
    }

    private static double error(List<CalibrationRow> rows, List<Prediction> predictions, Predicate<CalibrationRow> has,
                                ToDoubleFunction<CalibrationRow> measured, ToDoubleFunction<Prediction> predicted) {
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (has.test(rows.get(i))) {
                errors.add(Stats.absPercentError(predicted.applyAsDouble(predictions.get(i)),
                        measured.applyAsDouble(rows.get(i))));
            }
        }
        return Quantiles.median(errors);
    }

    private static List<CalibrationRow> rowsOf(List<CalibrationRow> rows, String model) {
        return rows.stream().filter(r -> r.config().model().equals(model)).toList();
    }
}
