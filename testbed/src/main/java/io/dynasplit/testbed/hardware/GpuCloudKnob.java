package io.dynasplit.testbed.hardware;

/** The cloud GPU flag as a DJL device choice on a host with an NVIDIA GPU. */
public final class GpuCloudKnob implements CloudGpuKnob {
    private final String gpu;
    private volatile boolean enabled;

    public GpuCloudKnob(String gpu) {
        this.gpu = gpu;
    }

    @Override
    public String source() {
        return "djl-device:" + gpu;
    }

    @Override
    public void setEnabled(boolean gpu) {
        this.enabled = gpu;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String computeDevice() {
        return enabled ? "gpu" : "cpu";
    }
}
