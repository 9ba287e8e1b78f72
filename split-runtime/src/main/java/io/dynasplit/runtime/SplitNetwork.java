package io.dynasplit.runtime;

import io.dynasplit.contracts.ClassScore;
import io.dynasplit.contracts.ModelDescriptor;

import java.util.List;

/**
 * A network that runs split: what the edge node (head) and the cloud node (tail) need, whether the network is a
 * built-in DJL one ({@link SplitModel}) or an imported ONNX model ({@link ImportedNetwork}).
 */
public interface SplitNetwork {
    String name();

    ModelDescriptor descriptor();

    /** L: split points are 0..L; head(L) is the whole network, tail(0) too. */
    int lastLayer();

    SplitPoint splitPoint(int layer);

    /** The tensor the edge ships at split point {@code layer} (the input itself at layer 0). */
    Activation head(int layer, Activation input);

    /** The logits from the head's output at {@code layer} (the activation itself at L). */
    Activation tail(int layer, Activation activation);

    /** Whether this network's parts can be computed on {@code device} in this process. */
    default boolean runsOn(ComputeDevice device) {
        return device == ComputeDevice.CPU;
    }

    /**
     * The tail computed on {@code device}: the same logits as {@link #tail(int, Activation)}, up to the device's
     * floating-point rounding. Refused where {@link #runsOn} says no: a caller that asked for a GPU must not be told
     * a CPU run was one.
     */
    default Activation tail(int layer, Activation activation, ComputeDevice device) {
        if (!runsOn(device)) {
            throw new IllegalStateException(name() + " cannot run on the " + device.wireName() + " here");
        }
        return tail(layer, activation);
    }

    /** The network input for a request payload (image, tensor frame, raw fp32, or the synthetic input of a seed). */
    Activation inputFor(String mediaType, byte[] bytes, long seed);

    /** The {@code k} most likely classes of sample 0 of {@code logits}, softmax scores, best first. */
    List<ClassScore> topK(Activation logits, int k);
}
