package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;

import java.util.EnumMap;
import java.util.Map;

/**
 * Edge board power per accelerator mode as a function of x = f / f_max: while computing the head
 * {@code a + b x + c x^3} (static, leakage-like and dynamic V^2 f terms), while waiting for the cloud
 * {@code w0 + w1 x} (a powered Edge TPU keeps drawing while it idles).
 */
public record EdgePowerModel(Map<AcceleratorMode, double[]> coefficients, int maxMhz) {

    public EdgePowerModel {
        EnumMap<AcceleratorMode, double[]> copy = new EnumMap<>(AcceleratorMode.class);
        coefficients.forEach((k, v) -> copy.put(k, v.clone()));
        coefficients = copy;
    }

    public double activeWatts(AcceleratorMode mode, int mhz) {
        double[] c = coefficients(mode);
        double x = mhz / (double) maxMhz;
        return c[0] + c[1] * x + c[2] * x * x * x;
    }

    public double waitWatts(AcceleratorMode mode, int mhz) {
        double[] c = coefficients(mode);
        double x = mhz / (double) maxMhz;
        return c[3] + c[4] * x;
    }

    /** The same model with active and waiting power scaled, for a network that draws a little more or less. */
    EdgePowerModel scaled(double activeScale, double waitScale) {
        EnumMap<AcceleratorMode, double[]> s = new EnumMap<>(AcceleratorMode.class);
        coefficients.forEach((mode, c) -> s.put(mode, new double[] {c[0] * activeScale, c[1] * activeScale,
                c[2] * activeScale, c[3] * waitScale, c[4] * waitScale}));
        return new EdgePowerModel(s, maxMhz);
    }

    /** The same model for one accelerator mode only. */
    EdgePowerModel only(AcceleratorMode mode) {
        return new EdgePowerModel(Map.of(mode, coefficients(mode)), maxMhz);
    }

    /** True when this model has coefficients for {@code mode} (a reference without Edge TPU rows has none). */
    boolean prices(AcceleratorMode mode) {
        return coefficients.containsKey(mode);
    }

    private double[] coefficients(AcceleratorMode mode) {
        double[] c = coefficients.get(mode);
        if (c == null) {
            throw new IllegalArgumentException("no edge power model for accelerator mode " + mode.wireName());
        }
        return c;
    }
}
