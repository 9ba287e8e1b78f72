package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * Energy a node spent over a window, usually one request's share. Topic {@link Topics#TELEMETRY}, key: node id, JSON.
 *
 * @param role       {@code edge} or {@code cloud}
 * @param source     {@code measured:<meter>} or {@code emulated:<profile>}
 * @param measured   true only when a real meter produced {@code joules}
 * @param accounting {@code whole-board}, {@code whole-node}, {@code gpu-marginal}
 */
public record EnergyTelemetry(int schemaVersion, @JsonProperty(required = true) String nodeId, @JsonProperty(required = true) String role, String deviceClass, String requestId,
                              Instant windowStart, Instant windowEnd, double joules, double averageWatts,
                              @JsonProperty(required = true) String source, boolean measured, String accounting, Instant emittedAt) {
    public static final int SCHEMA_VERSION = 1;
}
