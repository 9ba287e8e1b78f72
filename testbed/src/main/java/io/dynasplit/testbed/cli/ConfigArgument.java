package io.dynasplit.testbed.cli;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;

import java.util.Locale;

/** Parses {@code layer,cpu_mhz,accelerator,gpu} (e.g. {@code 17,1600,max,true}) into a configuration. */
final class ConfigArgument {
    private ConfigArgument() {
    }

    static SplitConfig parse(String model, String text) {
        String[] f = text.trim().split("\\s*,\\s*", -1);
        if (f.length != 4) {
            throw new IllegalArgumentException("--config must be layer,cpu_mhz,accelerator,gpu (e.g. 17,1600,max,true), got '"
                    + text + "'");
        }
        int layer = integer("layer", f[0]);
        int mhz = integer("cpu_mhz", f[1]);
        AcceleratorMode mode = AcceleratorMode.parse(f[2]);
        String gpu = f[3].toLowerCase(Locale.ROOT);
        if (!gpu.equals("true") && !gpu.equals("false")) {
            throw new IllegalArgumentException("cloud gpu must be true|false, got '" + f[3] + "'");
        }
        return new SplitConfig(model, layer, mhz, mode, Boolean.parseBoolean(gpu));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }
}
