package io.dynasplit.contracts;

/** One non-dominated configuration with its offline latency (ms), energy (J) and top-1 accuracy (0..1, or NaN). */
public record ParetoEntry(SplitConfig config, double latencyMs, double energyJ, double accuracy) {
}
