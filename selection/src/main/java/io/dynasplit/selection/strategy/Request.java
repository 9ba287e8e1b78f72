package io.dynasplit.selection.strategy;

/** One request of a workload: its position and latency threshold (ms). */
public record Request(int index, double thresholdMs) {
}
