package io.dynasplit.selection.index;

import io.dynasplit.contracts.SplitConfig;

/**
 * What the scheduler knows about an edge device when it selects: the configuration it runs now (null when
 * unknown, e.g. right after start-up) and the device time (ms) of work already queued on it.
 */
public record DeviceState(SplitConfig currentConfig, double queuedMs) {

    public DeviceState {
        if (!(queuedMs >= 0)) {
            throw new IllegalArgumentException("queuedMs must be >= 0, got " + queuedMs);
        }
    }

    public static DeviceState unknown() {
        return new DeviceState(null, 0);
    }

    public static DeviceState idle(SplitConfig current) {
        return new DeviceState(current, 0);
    }
}
