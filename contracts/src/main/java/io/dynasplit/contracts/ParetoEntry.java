package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One non-dominated configuration with its offline latency (ms), energy (J) and top-1 accuracy (0..1, or NaN). */
public record ParetoEntry(@JsonProperty(required = true) SplitConfig config, double latencyMs, double energyJ, double accuracy) {
}
