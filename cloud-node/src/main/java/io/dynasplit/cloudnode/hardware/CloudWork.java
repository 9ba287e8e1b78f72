package io.dynasplit.cloudnode.hardware;

/** The cloud's account of one tail: transfer and compute time (ms), energy (J), and the source of each figure. */
public record CloudWork(double transferMs, double cloudMs, double cloudJ, String transferSource, String latencySource,
                        String energySource, String accounting) {
}
