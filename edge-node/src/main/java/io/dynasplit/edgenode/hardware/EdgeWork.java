package io.dynasplit.edgenode.hardware;

/**
 * The edge device's account of one command: time waiting for the device, switching its knobs, and running the head
 * (device time, ms), the head's energy (J), the board's power while it then waits for the cloud (W), and where
 * each figure came from ({@code measured:...} or {@code emulated:<profile>}).
 */
public record EdgeWork(double queueMs, double reconfigurationMs, double edgeMs, double edgeActiveJ, double waitWatts,
                       boolean reconfigured, String latencySource, String energySource) {
}
