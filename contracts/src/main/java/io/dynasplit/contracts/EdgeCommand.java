package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * The routed command: run this request on this edge device with this configuration.
 * Topic {@link Topics#edgeCommands(String)} (one topic per edge device), key: edge device id, JSON.
 */
public record EdgeCommand(int schemaVersion, @JsonProperty(required = true) InferenceRequest request, @JsonProperty(required = true) SplitConfig config, @JsonProperty(required = true) WireDtype tensorDtype,
                          @JsonProperty(required = true) Instant deadline, Decision decision, Instant issuedAt) {
    public static final int SCHEMA_VERSION = 1;

    public EdgeCommand {
        Objects.requireNonNull(request, "request is required");
        Objects.requireNonNull(config, "config is required");
        Objects.requireNonNull(tensorDtype, "tensorDtype is required");
        Objects.requireNonNull(deadline, "deadline is required");
    }
}
