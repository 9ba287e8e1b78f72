package io.dynasplit.testbed.hardware;

/** The GPU flag of an emulated cloud node: remembered for the testbed model; the tail runs on this host's CPU. */
public final class EmulatedCloudGpuKnob implements CloudGpuKnob {
    private final String profile;
    private volatile boolean gpu;

    public EmulatedCloudGpuKnob(String profile) {
        this.profile = profile;
    }

    @Override
    public String source() {
        return "emulated:" + profile;
    }

    @Override
    public void setEnabled(boolean gpu) {
        this.gpu = gpu;
    }

    @Override
    public boolean enabled() {
        return gpu;
    }

    @Override
    public String computeDevice() {
        return "cpu";
    }
}
