package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.EnergyMeter;

import java.util.concurrent.atomic.DoubleAdder;

/**
 * The meter of an emulated device: the device model reports the joules it spends ({@link #record}), and a window
 * returns what was recorded while it was open. Nothing is measured.
 */
public final class EmulatedEnergyMeter implements EnergyMeter {
    private final String source;
    private final DoubleAdder total = new DoubleAdder();

    /** @param profile the emulated profile, e.g. {@code paper-pi4-coral} */
    public EmulatedEnergyMeter(String profile) {
        this.source = "emulated:" + profile;
    }

    @Override
    public String source() {
        return source;
    }

    public void record(double joules) {
        if (joules < 0 || Double.isNaN(joules)) {
            throw new IllegalArgumentException("joules must be >= 0, got " + joules);
        }
        total.add(joules);
    }

    @Override
    public Window start() {
        double begin = total.sum();
        return () -> total.sum() - begin;
    }
}
