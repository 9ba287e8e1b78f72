package io.dynasplit.selection.index;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;

/**
 * The edge knobs whose change costs device time (CPU frequency, accelerator mode). Configurations with equal knobs
 * can follow each other without reconfiguring the edge; the split layer and the cloud GPU flag change for free.
 */
public record Knobs(int cpuMhz, AcceleratorMode accelerator) {

    public static Knobs of(SplitConfig config) {
        return new Knobs(config.cpuMhz(), config.edgeAccelerator());
    }

    boolean matches(SplitConfig config) {
        return config.cpuMhz() == cpuMhz && config.edgeAccelerator() == accelerator;
    }

    @Override
    public String toString() {
        return cpuMhz + "MHz/" + accelerator.wireName();
    }
}
