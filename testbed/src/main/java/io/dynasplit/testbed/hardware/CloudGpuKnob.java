package io.dynasplit.testbed.hardware;

/** Whether the cloud tail runs on the node's GPU or on its CPU. */
public interface CloudGpuKnob {

    String source();

    void setEnabled(boolean gpu);

    boolean enabled();

    /** The DJL device the tail should run on now: {@code gpu} or {@code cpu}. */
    String computeDevice();
}
