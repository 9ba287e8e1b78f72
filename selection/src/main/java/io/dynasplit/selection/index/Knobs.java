package io.dynasplit.selection.index;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;

/**
 * The edge knobs whose change costs device time (CPU frequency, accelerator mode). Configurations with equal knobs
 * can follow each other without reconfiguring the edge; the split layer and the cloud GPU flag change for free.
 * Layer 0 runs nothing on the edge and sets no knobs: {@link #NONE}, reached from any knobs without a switch.
 */
public record Knobs(int cpuMhz, AcceleratorMode accelerator) {
    /** The knobs of layer 0: none are set, the edge keeps its own. */
    public static final Knobs NONE = new Knobs(0, AcceleratorMode.OFF);

    public static Knobs of(SplitConfig config) {
        return config.setsEdgeKnobs() ? new Knobs(config.cpuMhz(), config.edgeAccelerator()) : NONE;
    }

    /** False for {@link #NONE}. */
    public boolean setsEdgeKnobs() {
        return cpuMhz > 0;
    }

    @Override
    public String toString() {
        return setsEdgeKnobs() ? cpuMhz + "MHz/" + accelerator.wireName() : "unchanged";
    }
}
