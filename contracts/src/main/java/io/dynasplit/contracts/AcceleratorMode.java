package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Edge accelerator (Coral Edge TPU class) mode: powered off, standard clock, or maximum clock. */
public enum AcceleratorMode {
    OFF, STD, MAX;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static AcceleratorMode parse(String value) {
        for (AcceleratorMode m : values()) {
            if (m.wireName().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("edge accelerator must be off|std|max, got '" + value + "'");
    }
}
