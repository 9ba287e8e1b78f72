package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One point of the configuration space: the split layer and the hardware knobs.
 *
 * <p>{@code layer} is the number of network layers that run on the edge: 0 sends the raw input to the cloud
 * (cloud-only), {@code L} runs everything on the edge (edge-only). Validity depends on the model, see
 * {@link ModelDescriptor#validate(SplitConfig)} and {@link ModelDescriptor#canonical(SplitConfig)}.
 */
public record SplitConfig(@JsonProperty(required = true) String model, int layer, int cpuMhz, @JsonProperty(required = true) AcceleratorMode edgeAccelerator, boolean cloudGpu) {

    public SplitConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(edgeAccelerator, "edgeAccelerator");
        if (layer < 0) {
            throw new IllegalArgumentException("layer must be >= 0, got " + layer);
        }
        if (cpuMhz <= 0) {
            throw new IllegalArgumentException("cpuMhz must be > 0, got " + cpuMhz);
        }
    }

    /**
     * True when the edge must set its knobs (CPU frequency, accelerator) to run this configuration: they differ from
     * {@code previous}'s, or the edge's knobs are unknown. Layer 0 runs nothing on the edge (the raw input goes to the
     * cloud), so it never needs a switch: the edge keeps whatever knobs it has.
     */
    public boolean needsEdgeReconfiguration(SplitConfig previous) {
        if (!setsEdgeKnobs()) {
            return false;
        }
        return previous == null || previous.cpuMhz != cpuMhz || previous.edgeAccelerator != edgeAccelerator;
    }

    /** False for layer 0: no layer runs on the edge, so its knobs are left as they are. */
    public boolean setsEdgeKnobs() {
        return layer > 0;
    }

    /**
     * The configuration whose knobs the edge has after running this one from {@code previous}'s (null: unknown):
     * this one, or {@code previous} for layer 0, which leaves the knobs alone.
     */
    public SplitConfig edgeKnobsAfter(SplitConfig previous) {
        return setsEdgeKnobs() ? this : previous;
    }

    /** Compact, stable text form: {@code vgg16/l=17/1600MHz/max/gpu}. Used as a metrics and log key. */
    public String label() {
        return model + "/l=" + layer + "/" + cpuMhz + "MHz/" + edgeAccelerator.wireName() + "/" + (cloudGpu ? "gpu" : "cpu");
    }
}
