package io.dynasplit.contracts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the control plane needs to know about a network without loading it: the number of split layers
 * {@code lastLayer} (L; split points are 0..L), whether an edge accelerator can run its head (int8-compiled
 * heads only, as in the paper), the dtype its intermediate tensors travel in, its input shape and classes.
 */
public record ModelDescriptor(String name, int lastLayer, boolean acceleratorCapable, WireDtype wireDtype,
                              List<Integer> inputShape, int classes) {

    public ModelDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wireDtype, "wireDtype");
        inputShape = List.copyOf(inputShape);
        if (lastLayer < 1) {
            throw new IllegalArgumentException("lastLayer must be >= 1");
        }
    }

    /**
     * The dtype of the tensor shipped at split {@code layer}: the raw input (layer 0) always travels as fp32, as in
     * the paper; heads' outputs travel in the model's {@link #wireDtype()} (int8 for quantised heads).
     */
    public WireDtype wireDtypeAt(int layer) {
        return layer == 0 ? WireDtype.FP32 : wireDtype;
    }

    public Placement placement(SplitConfig config) {
        if (config.layer() == 0) {
            return Placement.CLOUD;
        }
        return config.layer() >= lastLayer ? Placement.EDGE : Placement.SPLIT;
    }

    /** Why the configuration is invalid for this model (the paper's rules), or empty when it is valid. */
    public Optional<String> validate(SplitConfig config) {
        if (!name.equals(config.model())) {
            return Optional.of("configuration is for model '" + config.model() + "', not '" + name + "'");
        }
        if (config.layer() > lastLayer) {
            return Optional.of("layer " + config.layer() + " is past the last split point " + lastLayer + " of " + name);
        }
        if (config.edgeAccelerator() != AcceleratorMode.OFF && config.layer() == 0) {
            return Optional.of("the edge accelerator must be off at layer 0 (nothing runs on the edge)");
        }
        if (config.edgeAccelerator() != AcceleratorMode.OFF && !acceleratorCapable) {
            return Optional.of("model " + name + " cannot run on the edge accelerator");
        }
        return Optional.empty();
    }

    /** The cloud GPU flag means nothing when the whole network runs on the edge: it is always false there. */
    public SplitConfig canonical(SplitConfig config) {
        if (config.layer() >= lastLayer && config.cloudGpu()) {
            return new SplitConfig(config.model(), config.layer(), config.cpuMhz(), config.edgeAccelerator(), false);
        }
        return config;
    }

    /** Validates and canonicalises, or throws with the reason. */
    public SplitConfig requireValid(SplitConfig config) {
        validate(config).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return canonical(config);
    }
}
