package io.dynasplit.testbed.hardware;

import java.util.Locale;

/** {@code auto}: real drivers where present, emulated otherwise; {@code emulated}: emulated only. */
public enum HardwareMode {
    AUTO, EMULATED;

    public static HardwareMode parse(String value) {
        for (HardwareMode m : values()) {
            if (m.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("hardware must be auto|emulated, got '" + value + "'");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
