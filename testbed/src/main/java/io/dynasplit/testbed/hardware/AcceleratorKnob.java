package io.dynasplit.testbed.hardware;

import io.dynasplit.contracts.AcceleratorMode;

/**
 * The edge accelerator mode (off | std | max). On the paper's board it is a Coral USB Edge TPU (USB power and the
 * {@code libedgetpu1-std|max} runtime); in DynaSplit's Java runtime it is the DJL device the head runs on.
 */
public interface AcceleratorKnob {

    String source();

    void setMode(AcceleratorMode mode);

    AcceleratorMode mode();

    /** The DJL device the head should run on in the current mode: {@code cpu} or {@code gpu}. */
    String computeDevice();
}
