package io.dynasplit.selection.outcome;

/**
 * What one run of a configuration took: latency (ms) and energy (J), without queueing and reconfiguration, and the
 * edge device time (ms) it occupied the board for (the head), which is what queues the next request.
 */
public record Outcome(double latencyMs, double energyJ, double edgeMs) {

    /** A run whose board time is unknown: the whole latency is taken as the board's (the cautious reading). */
    public Outcome(double latencyMs, double energyJ) {
        this(latencyMs, energyJ, latencyMs);
    }

    /** This run slowed (and made costlier) by {@code factor}. */
    public Outcome scaled(double factor) {
        return new Outcome(latencyMs * factor, energyJ * factor, edgeMs * factor);
    }
}
