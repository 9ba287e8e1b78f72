package io.dynasplit.contracts;

/**
 * Per-request energy in joules.
 *
 * @param accounting how cloud energy was counted: {@code whole-node} (as the paper) or {@code gpu-marginal}
 */
public record EnergyBreakdown(double edgeJ, double cloudJ, double totalJ, String accounting) {
    public static EnergyBreakdown of(double edgeJ, double cloudJ, String accounting) {
        return new EnergyBreakdown(edgeJ, cloudJ, edgeJ + cloudJ, accounting);
    }
}
