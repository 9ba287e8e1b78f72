package io.dynasplit.selection.index;

import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;

/**
 * A front entry with the runtime corrections applied: the latency expected from feedback, the bound the threshold is
 * checked against (expected plus a safety margin for run-to-run spread), and the corrected energy.
 */
public record Candidate(ParetoEntry entry, double expectedLatencyMs, double latencyBoundMs, double energyJ,
                        double latencyFactor, double energyFactor) {

    /** The entry as profiled, without corrections. */
    public static Candidate uncorrected(ParetoEntry entry) {
        return new Candidate(entry, entry.latencyMs(), entry.latencyMs(), entry.energyJ(), 1.0, 1.0);
    }

    public SplitConfig config() {
        return entry.config();
    }

    /** Accuracy for tie-breaking: unknown (NaN) ranks below every known value. */
    double rankAccuracy() {
        return Double.isNaN(entry.accuracy()) ? Double.NEGATIVE_INFINITY : entry.accuracy();
    }
}
