package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a configuration runs the network: all on the edge, split, or all in the cloud. */
public enum Placement {
    EDGE, SPLIT, CLOUD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
