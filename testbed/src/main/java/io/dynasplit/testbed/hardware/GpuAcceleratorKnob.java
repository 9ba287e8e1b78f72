package io.dynasplit.testbed.hardware;

import io.dynasplit.contracts.AcceleratorMode;

/**
 * The edge accelerator as a DJL device choice on a host with an NVIDIA GPU: {@code off} runs the head on the CPU,
 * {@code std} and {@code max} on the GPU. There is no separate clock setting: {@code max} behaves as {@code std}.
 * (The paper's Coral Edge TPU has no DJL engine; driving one would need the Edge TPU runtime, not provided.)
 */
public final class GpuAcceleratorKnob implements AcceleratorKnob {
    private final String gpu;
    private volatile AcceleratorMode mode = AcceleratorMode.OFF;

    public GpuAcceleratorKnob(String gpu) {
        this.gpu = gpu;
    }

    @Override
    public String source() {
        return "djl-device:" + gpu;
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
        return mode == AcceleratorMode.OFF ? "cpu" : "gpu";
    }
}
