package io.dynasplit.selection.evaluation;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.SplitConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One strategy's results in the paper's form. Medians and means are over the requests that ran (rejected ones have
 * no figures); a rejected request counts as a missed deadline.
 *
 * @param energySavingVsCloudPercent {@code 100 * (1 - meanEnergy / cloudOnlyMeanEnergy)}, as the paper's 72.2%
 * @param energyVsOraclePercent      {@code 100 * (meanEnergy / oracleMeanEnergy - 1)}: how much more than the oracle
 * @param knobSwitches               requests that ran with other edge knobs (CPU frequency, accelerator) than the
 *                                   request before, whether or not the switch was charged
 */
public record StrategySummary(String strategy, int requests, double latencyMedianMs, double latencyMeanMs,
                              double energyMedianJ, double energyMeanJ, int deadlinesMissed, double qosMetPercent,
                              double energySavingVsCloudPercent, double energyVsOraclePercent, int edge, int split,
                              int cloud, int fallbacks, int rejected, int knobSwitches) {

    public static StrategySummary of(String strategy, List<RequestRecord> records, double cloudOnlyMeanEnergyJ,
                                     double oracleMeanEnergyJ) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no requests for " + strategy);
        }
        double[] latency = records.stream().filter(r -> !r.rejected()).mapToDouble(RequestRecord::latencyMs).toArray();
        double[] energy = records.stream().filter(r -> !r.rejected()).mapToDouble(RequestRecord::energyJ).toArray();
        int missed = (int) records.stream().filter(r -> !r.met()).count();
        double meanEnergy = mean(energy);
        return new StrategySummary(strategy, records.size(), Quantiles.median(latency), mean(latency), Quantiles.median(energy), meanEnergy,
                missed, 100.0 * (records.size() - missed) / records.size(),
                100.0 * (1 - meanEnergy / cloudOnlyMeanEnergyJ), 100.0 * (meanEnergy / oracleMeanEnergyJ - 1),
                count(records, Placement.EDGE), count(records, Placement.SPLIT), count(records, Placement.CLOUD),
                (int) records.stream().filter(RequestRecord::fallback).count(),
                (int) records.stream().filter(RequestRecord::rejected).count(),
                knobSwitches(records));
    }

    /**
     * Summaries of every strategy, with savings against {@code cloudOnly}'s and energy against {@code oracle}'s mean
     * (NaN where that strategy is absent).
     */
    public static List<StrategySummary> compare(Map<String, List<RequestRecord>> byStrategy, String cloudOnly,
                                                String oracle) {
        double cloudMean = meanEnergyOf(byStrategy.get(cloudOnly));
        double oracleMean = meanEnergyOf(byStrategy.get(oracle));
        List<StrategySummary> summaries = new ArrayList<>();
        byStrategy.forEach((name, records) -> summaries.add(of(name, records, cloudMean, oracleMean)));
        return summaries;
    }

    public static double meanEnergyOf(List<RequestRecord> records) {
        if (records == null) {
            return Double.NaN;
        }
        return mean(records.stream().filter(r -> !r.rejected()).mapToDouble(RequestRecord::energyJ).toArray());
    }

    static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    private static int knobSwitches(List<RequestRecord> records) {
        int switches = 0;
        SplitConfig previous = null;
        for (RequestRecord r : records) {
            if (r.rejected()) {
                continue;
            }
            if (previous != null && r.config().needsEdgeReconfiguration(previous)) {
                switches++;
            }
            previous = r.config().edgeKnobsAfter(previous);
        }
        return switches;
    }

    private static int count(List<RequestRecord> records, Placement placement) {
        return (int) records.stream().filter(r -> r.placement() == placement).count();
    }
}
