package io.dynasplit.selection.outcome;

/** What one run of a configuration took: latency (ms) and energy (J), without queueing and reconfiguration. */
public record Outcome(double latencyMs, double energyJ) {
}
