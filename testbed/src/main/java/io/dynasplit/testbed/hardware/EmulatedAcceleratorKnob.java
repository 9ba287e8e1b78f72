package io.dynasplit.testbed.hardware;

import io.dynasplit.contracts.AcceleratorMode;

/**
 * The Edge TPU mode of an emulated board: remembered for the testbed model (which prices std and max as the
 * paper's Coral did); the head itself runs on this host's CPU.
 */
public final class EmulatedAcceleratorKnob implements AcceleratorKnob {
    private final String profile;
    private volatile AcceleratorMode mode = AcceleratorMode.OFF;

    public EmulatedAcceleratorKnob(String profile) {
        this.profile = profile;
    }

    @Override
    public String source() {
        return "emulated:" + profile;
    }

    @Override
    public void setMode(AcceleratorMode mode) {
        this.mode = mode;
    }

    @Override
    public AcceleratorMode mode() {
        return mode;
    }

    @Override
    public String computeDevice() {
        return "cpu";
    }
}
