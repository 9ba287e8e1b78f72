package io.dynasplit.selection.correction;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.TestbedModel;

/**
 * Predicted device time to switch the edge from one configuration to another. Only the edge knobs (CPU frequency,
 * accelerator mode) may cost anything; the split layer and the cloud GPU flag are free to change, and layer 0, which
 * runs nothing on the edge, sets no knobs ({@link SplitConfig#setsEdgeKnobs}).
 */
@FunctionalInterface
public interface ReconfigurationCost {

    /**
     * @param from the device's current configuration, or null when unknown (a cost model should then assume the
     *             knobs must all be set)
     * @param to   the configuration to run next
     * @return device time in ms, >= 0
     */
    double ms(SplitConfig from, SplitConfig to);

    /** Switching is free (the paper's online selection ignores it). */
    static ReconfigurationCost none() {
        return (from, to) -> 0.0;
    }

    /** The emulated testbed's own figure ({@link TestbedModel#reconfigurationMs}). */
    static ReconfigurationCost of(TestbedModel testbed) {
        return testbed::reconfigurationMs;
    }

    /**
     * A configured estimate for real hardware: a fixed time per knob that changes (a frequency change and an
     * accelerator mode change add up when both change).
     */
    static ReconfigurationCost estimate(double cpuChangeMs, double acceleratorChangeMs) {
        if (cpuChangeMs < 0 || acceleratorChangeMs < 0) {
            throw new IllegalArgumentException("reconfiguration estimates must be >= 0");
        }
        return (from, to) -> {
            if (!to.needsEdgeReconfiguration(from)) {
                return 0.0; // same knobs, or layer 0, which sets none
            }
            if (from == null) {
                return cpuChangeMs + acceleratorChangeMs;
            }
            return (from.cpuMhz() != to.cpuMhz() ? cpuChangeMs : 0.0)
                    + (from.edgeAccelerator() != to.edgeAccelerator() ? acceleratorChangeMs : 0.0);
        };
    }
}
