package io.dynasplit.contracts;

import java.util.ArrayList;
import java.util.List;

/** Enumerates the valid, canonical configurations of a model on an edge device with the given CPU frequencies. */
public final class ConfigurationSpace {
    private ConfigurationSpace() {
    }

    public static List<SplitConfig> enumerate(ModelDescriptor model, List<Integer> cpuFrequenciesMhz) {
        List<SplitConfig> valid = new ArrayList<>();
        for (int layer = 0; layer <= model.lastLayer(); layer++) {
            for (int mhz : cpuFrequenciesMhz) {
                for (AcceleratorMode mode : AcceleratorMode.values()) {
                    for (boolean gpu : new boolean[] {false, true}) {
                        SplitConfig c = new SplitConfig(model.name(), layer, mhz, mode, gpu);
                        if (model.validate(c).isEmpty() && model.canonical(c).equals(c)) {
                            valid.add(c);
                        }
                    }
                }
            }
        }
        return valid;
    }
}
