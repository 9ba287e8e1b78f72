package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one request. Topic {@link Topics#RESULTS}, key: request id, JSON. Exactly one result with status
 * {@code ok} per request id is published by the pipeline; at-least-once redelivery is deduplicated before it.
 *
 * @param thresholdMet whether {@code latency.totalMs <= latencyThresholdMs}, judged in the time base of
 *                     {@code sources} (device time on emulated profiles, wall time on real hardware)
 */
public record InferenceResult(int schemaVersion, @JsonProperty(required = true) String requestId, String edgeDeviceId, String model,
                              @JsonProperty(required = true) ResultStatus status, List<ClassScore> topK, SplitConfig config, Placement placement,
                              LatencyBreakdown latency, EnergyBreakdown energy, double latencyThresholdMs,
                              boolean thresholdMet, FigureSources sources, HostTimings host, String detail,
                              Instant submittedAt, Instant completedAt) {
    public static final int SCHEMA_VERSION = 1;

    public InferenceResult {
        Objects.requireNonNull(requestId, "requestId is required");
        Objects.requireNonNull(status, "status is required");
        topK = topK == null ? List.of() : List.copyOf(topK);
    }
}
