package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One non-dominated configuration with its offline latency (ms), energy (J) and top-1 accuracy (0..1, or NaN), the
 * medians of its runs where it was measured.
 *
 * @param spread how much the measured runs varied around those medians; null where only a median is known (a
 *               testbed's profile, a front file, a producer older than the field)
 */
public record ParetoEntry(@JsonProperty(required = true) SplitConfig config, double latencyMs, double energyJ,
                          double accuracy, MeasuredSpread spread) {

    @JsonCreator
    public ParetoEntry {
    }

    /** An entry without a measured spread. */
    public ParetoEntry(SplitConfig config, double latencyMs, double energyJ, double accuracy) {
        this(config, latencyMs, energyJ, accuracy, null);
    }
}
