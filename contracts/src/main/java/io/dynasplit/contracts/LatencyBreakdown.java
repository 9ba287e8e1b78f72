package io.dynasplit.contracts;

/**
 * Per-request latency in milliseconds. {@code totalMs} is queue + reconfiguration + edge + transfer + cloud.
 */
public record LatencyBreakdown(double queueMs, double reconfigurationMs, double edgeMs, double transferMs,
                               double cloudMs, double totalMs) {
    public static LatencyBreakdown of(double queueMs, double reconfigurationMs, double edgeMs, double transferMs,
                                      double cloudMs) {
        return new LatencyBreakdown(queueMs, reconfigurationMs, edgeMs, transferMs, cloudMs,
                queueMs + reconfigurationMs + edgeMs + transferMs + cloudMs);
    }
}
