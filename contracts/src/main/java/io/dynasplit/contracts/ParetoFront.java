package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The Pareto store document of one (model, edge device class). Topic {@link Topics#PARETO} (compacted),
 * key: {@link #key()}, JSON. A higher {@code version} replaces a lower one.
 */
public record ParetoFront(int schemaVersion, @JsonProperty(required = true) String model, @JsonProperty(required = true) String deviceClass, long version, Instant createdAt,
                          FrontProvenance provenance, @JsonProperty(required = true) List<ParetoEntry> entries) {
    public static final int SCHEMA_VERSION = 1;

    public ParetoFront {
        Objects.requireNonNull(model, "model is required");
        Objects.requireNonNull(deviceClass, "deviceClass is required");
        entries = List.copyOf(entries);
    }

    public String key() {
        return key(model, deviceClass);
    }

    public static String key(String model, String deviceClass) {
        return model + "@" + deviceClass;
    }
}
