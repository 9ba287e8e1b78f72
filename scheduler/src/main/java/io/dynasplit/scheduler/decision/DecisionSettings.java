package io.dynasplit.scheduler.decision;

import io.dynasplit.servicekit.time.DeviceClock;

import java.time.Duration;

/**
 * How the decision topology runs.
 *
 * @param requestPartitions partitions of the requests topic: results are re-keyed by device into as many, so that a
 *                          device's results reach the task that owns its pending deadlines
 * @param timeoutGraceMs    time past a request's deadline before its timeout result
 * @param sweepInterval     how often (wall clock) due deadlines are looked for
 * @param clock             the device clock shared with the edge nodes
 * @param service           the service name dead letters carry
 */
public record DecisionSettings(int requestPartitions, long timeoutGraceMs, Duration sweepInterval, DeviceClock clock,
                               String service) {
    public DecisionSettings {
        if (requestPartitions < 1) {
            throw new IllegalArgumentException("request partitions must be >= 1, got " + requestPartitions);
        }
        if (timeoutGraceMs < 0) {
            throw new IllegalArgumentException("timeout grace must be >= 0 ms, got " + timeoutGraceMs);
        }
    }
}
