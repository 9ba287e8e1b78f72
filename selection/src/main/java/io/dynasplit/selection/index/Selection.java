package io.dynasplit.selection.index;

import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;

/**
 * The outcome of one selection.
 *
 * @param entry                  the chosen front entry as profiled; null only when {@link #rejected()}
 * @param predictedLatencyMs     queue + reconfiguration + the entry's latency corrected by feedback
 * @param latencyBoundMs         the figure checked against the threshold: the prediction plus the safety margin
 * @param predictedEnergyJ       corrected energy plus the energy the edge spends reconfiguring
 * @param queueMs                device time of the work queued before this request
 * @param reconfigurationMs      device time to switch the edge knobs to this entry's (0 when they stay)
 * @param reconfigurationEnergyJ edge energy spent switching
 * @param latencyFactor          feedback factor applied to the entry's latency (observed/predicted)
 * @param energyFactor           feedback factor applied to the entry's energy
 * @param reason                 why (met the threshold, kept the current knobs, or which fallback)
 * @param frontVersion           version of the Pareto front the index was built from
 */
public record Selection(ParetoEntry entry, double predictedLatencyMs, double latencyBoundMs, double predictedEnergyJ,
                        double queueMs, double reconfigurationMs, double reconfigurationEnergyJ,
                        double latencyFactor, double energyFactor, SelectionReason reason, long frontVersion) {

    public static Selection rejected(double queueMs, long frontVersion) {
        return new Selection(null, Double.NaN, Double.NaN, Double.NaN, queueMs, 0, 0, 1, 1, SelectionReason.REJECTED,
                frontVersion);
    }

    /** The configuration to run; null when rejected. */
    public SplitConfig config() {
        return entry == null ? null : entry.config();
    }

    /** True when no entry met the threshold and the fallback policy decided. */
    public boolean fallback() {
        return reason.fallback();
    }

    public boolean rejected() {
        return reason == SelectionReason.REJECTED;
    }

    /**
     * The {@link Decision} to attach to an {@code EdgeCommand}. {@code policy} is {@code energy-within-threshold}
     * when an entry met the threshold, else the fallback's name.
     *
     * @param timeBase {@code device} (emulated device time) or {@code wall}
     */
    public Decision toDecision(String timeBase) {
        String policy = switch (reason) {
            case MET_THRESHOLD, KEPT_CURRENT_KNOBS -> "energy-within-threshold";
            case FALLBACK_FASTEST -> FallbackPolicy.FASTEST.wireName();
            case FALLBACK_CHEAPEST -> FallbackPolicy.CHEAPEST.wireName();
            case REJECTED -> FallbackPolicy.REJECT.wireName();
        };
        return new Decision(policy, fallback(), predictedLatencyMs, predictedEnergyJ, queueMs, reconfigurationMs,
                latencyFactor, frontVersion, timeBase);
    }
}
