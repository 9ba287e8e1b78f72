package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * An upstream service asks for one inference on a given edge device, within a latency threshold.
 * Topic {@link Topics#REQUESTS}, key: edge device id, JSON.
 *
 * @param input           the input payload (base64 in JSON): an image ({@code image/png}, {@code image/jpeg}) or a
 *                        raw tensor frame ({@code application/vnd.dynasplit.tensor}); may be empty when
 *                        {@code inputSeed} asks for a synthetic input
 * @param inputSeed       optional: a synthetic, deterministic input (benchmarks and load tests)
 */
public record InferenceRequest(int schemaVersion, @JsonProperty(required = true) String requestId, @JsonProperty(required = true) String edgeDeviceId, @JsonProperty(required = true) String model,
                               double latencyThresholdMs, String inputMediaType, byte[] input, Long inputSeed,
                               @JsonProperty(required = true) Instant submittedAt) {
    public static final int SCHEMA_VERSION = 1;

    public InferenceRequest {
        Objects.requireNonNull(requestId, "requestId is required");
        Objects.requireNonNull(edgeDeviceId, "edgeDeviceId is required");
        Objects.requireNonNull(model, "model is required");
        Objects.requireNonNull(submittedAt, "submittedAt is required");
        if (input == null) {
            input = new byte[0];
        }
    }

    public static InferenceRequest of(String requestId, String edgeDeviceId, String model, double thresholdMs,
                                      String mediaType, byte[] input, Long inputSeed, Instant submittedAt) {
        return new InferenceRequest(SCHEMA_VERSION, requestId, edgeDeviceId, model, thresholdMs, mediaType, input,
                inputSeed, submittedAt);
    }

    /** The same request without its payload, for events that only need to refer to it. */
    public InferenceRequest withoutInput() {
        return new InferenceRequest(schemaVersion, requestId, edgeDeviceId, model, latencyThresholdMs, inputMediaType,
                new byte[0], inputSeed, submittedAt);
    }
}
