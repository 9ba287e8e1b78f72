package io.dynasplit.testbed;

import io.dynasplit.contracts.SplitConfig;

import java.util.Objects;

/**
 * What one configuration costs per inference on a testbed: device latency (ms) and energy (J) per part, the size
 * of the tensor it ships (KB), its top-1 accuracy (NaN when unknown) and where the figures come from.
 *
 * @param source provenance of the figures: {@code emulated:<testbed>} when the testbed's model of that network
 *               is its own (calibrated on measurements or derived from the architecture it was built with),
 *               {@code estimated:<testbed>} when it was estimated from a registered network's split point table
 *               (docs/estimate.md: how far to trust it), {@link #UNLABELLED} when a testbed does not say
 */
public record Prediction(SplitConfig config, double edgeLatencyMs, double transferMs, double cloudLatencyMs,
                         double edgeEnergyJ, double cloudEnergyJ, double tensorKb, double accuracy, String source) {

    /** The source of a prediction whose testbed does not label its figures. */
    public static final String UNLABELLED = "unlabelled";

    public Prediction {
        Objects.requireNonNull(source, "source");
    }

    /** A prediction without a provenance label ({@link #UNLABELLED}). */
    public Prediction(SplitConfig config, double edgeLatencyMs, double transferMs, double cloudLatencyMs,
                      double edgeEnergyJ, double cloudEnergyJ, double tensorKb, double accuracy) {
        this(config, edgeLatencyMs, transferMs, cloudLatencyMs, edgeEnergyJ, cloudEnergyJ, tensorKb, accuracy,
                UNLABELLED);
    }

    public double latencyMs() {
        return edgeLatencyMs + transferMs + cloudLatencyMs;
    }

    public double energyJ() {
        return edgeEnergyJ + cloudEnergyJ;
    }

    /** True when the figures are an estimate from a split point table rather than the testbed's own model. */
    public boolean estimated() {
        return source.startsWith("estimated:");
    }
}
