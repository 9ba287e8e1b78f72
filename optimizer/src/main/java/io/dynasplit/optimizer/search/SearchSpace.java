package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ConfigurationSpace;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The valid configurations of one model on one edge device class, and the mapping from the search's raw knob
 * values (split layer, CPU frequency step, accelerator mode, cloud GPU) to the valid, canonical configuration the
 * hardware would actually run.
 *
 * <p>Invalid combinations are repaired, not pruned: the knob that makes a combination invalid has no effect there
 * (the accelerator when nothing runs on the edge, the cloud GPU when nothing runs in the cloud), so the repaired
 * configuration is exactly what the devices would do. Repair therefore never spends budget on an invalid
 * combination, and never wastes a generation of the search on one either.
 */
public final class SearchSpace {
    private final ModelDescriptor model;
    private final List<Integer> frequenciesMhz;
    private final List<AcceleratorMode> acceleratorModes;
    private final List<SplitConfig> configurations;

    private SearchSpace(ModelDescriptor model, List<Integer> frequenciesMhz) {
        this.model = Objects.requireNonNull(model, "model");
        if (frequenciesMhz.isEmpty()) {
            throw new IllegalArgumentException("at least one CPU frequency is needed");
        }
        this.frequenciesMhz = frequenciesMhz.stream().sorted().distinct().toList();
        this.acceleratorModes = model.acceleratorCapable() ? List.of(AcceleratorMode.values()) : List.of(AcceleratorMode.OFF);
        this.configurations = List.copyOf(ConfigurationSpace.enumerate(model, this.frequenciesMhz));
    }

    public static SearchSpace of(ModelDescriptor model, List<Integer> cpuFrequenciesMhz) {
        return new SearchSpace(model, cpuFrequenciesMhz);
    }

    public ModelDescriptor model() {
        return model;
    }

    /** Every valid, canonical configuration, in a stable order. */
    public List<SplitConfig> configurations() {
        return configurations;
    }

    public int size() {
        return configurations.size();
    }

    public int lastLayer() {
        return model.lastLayer();
    }

    public List<Integer> frequenciesMhz() {
        return frequenciesMhz;
    }

    /** The accelerator modes worth searching: all three for models whose head can run on it, else only off. */
    public List<AcceleratorMode> acceleratorModes() {
        return acceleratorModes;
    }

    /** The valid, canonical configuration that these raw knob values make the devices run. */
    public SplitConfig decode(int layer, int frequencyIndex, int modeIndex, boolean cloudGpu) {
        SplitConfig raw = new SplitConfig(model.name(), layer, frequenciesMhz.get(frequencyIndex),
                acceleratorModes.get(modeIndex), cloudGpu);
        if (model.validate(raw).isPresent()) {
            // the only knob the rules can reject inside these bounds is the accelerator (layer 0)
            raw = new SplitConfig(model.name(), layer, raw.cpuMhz(), AcceleratorMode.OFF, cloudGpu);
        }
        return model.requireValid(raw);
    }

    public int frequencyIndex(SplitConfig config) {
        int i = frequenciesMhz.indexOf(config.cpuMhz());
        if (i < 0) {
            throw new IllegalArgumentException(config.cpuMhz() + " MHz is not a frequency of this space " + frequenciesMhz);
        }
        return i;
    }

    public int modeIndex(SplitConfig config) {
        return acceleratorModes.indexOf(config.edgeAccelerator());
    }

    /**
     * The configurations that are always measured: edge-only in every accelerator mode at the top frequency, and
     * cloud-only with and without the GPU (also at the top frequency, the edge only sends the input there). The
     * paper's 55-trial ViT search never tried edge-only, which dominates much of that front.
     */
    public List<SplitConfig> corners() {
        int top = frequenciesMhz.get(frequenciesMhz.size() - 1);
        List<SplitConfig> corners = new ArrayList<>();
        for (AcceleratorMode mode : acceleratorModes) {
            corners.add(model.requireValid(new SplitConfig(model.name(), model.lastLayer(), top, mode, false)));
        }
        corners.add(model.requireValid(new SplitConfig(model.name(), 0, top, AcceleratorMode.OFF, false)));
        corners.add(model.requireValid(new SplitConfig(model.name(), 0, top, AcceleratorMode.OFF, true)));
        return List.copyOf(corners);
    }
}
