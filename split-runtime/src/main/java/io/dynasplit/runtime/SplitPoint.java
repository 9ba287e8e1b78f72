package io.dynasplit.runtime;

import io.dynasplit.contracts.WireDtype;

import java.util.List;

/**
 * Split point {@code layer} of a network: the head runs layers [0, layer) and ships the output of the layer named
 * {@code name} (for layer 0: the input). {@code shape} is for one sample, batch dimension included (1, ...).
 */
public record SplitPoint(int layer, String name, List<Integer> shape) {

    public SplitPoint {
        shape = List.copyOf(shape);
    }

    public long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Payload bytes of this tensor in {@code dtype} (frame header not included). */
    public long bytes(WireDtype dtype) {
        return elements() * dtype.bytesPerElement();
    }
}
