package io.dynasplit.selection.index;

import java.util.Arrays;
import java.util.Locale;

/** What the selector does when no entry meets the threshold (property {@code dynasplit.scheduler.fallback-policy}). */
public enum FallbackPolicy {
    /** The entry with the lowest predicted latency (the paper's choice). */
    FASTEST,
    /** The entry with the lowest predicted energy: the deadline is lost anyway. */
    CHEAPEST,
    /** Nothing: the caller rejects the request. */
    REJECT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FallbackPolicy parse(String value) {
        for (FallbackPolicy p : values()) {
            if (p.wireName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("fallback policy must be one of "
                + Arrays.stream(values()).map(FallbackPolicy::wireName).toList() + ", got '" + value + "'");
    }
}
