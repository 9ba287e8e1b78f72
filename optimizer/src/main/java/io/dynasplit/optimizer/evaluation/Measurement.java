package io.dynasplit.optimizer.evaluation;

import io.dynasplit.contracts.MeasuredSpread;
import io.dynasplit.contracts.SplitConfig;

import java.util.Objects;

/**
 * What one configuration costs per inference, as an evaluator measured or predicted it.
 *
 * @param latencyMs end-to-end latency per inference (ms)
 * @param energyJ   edge + cloud energy per inference (J)
 * @param accuracy  top-1 accuracy (0..1), NaN when the evaluator cannot tell
 * @param spread    how much the measured runs varied around these medians; null for a prediction
 */
public record Measurement(SplitConfig config, double latencyMs, double energyJ, double accuracy, MeasuredSpread spread) {

    public Measurement {
        Objects.requireNonNull(config, "config");
        if (!Double.isFinite(latencyMs) || latencyMs < 0) {
            throw new IllegalArgumentException("latency must be finite and >= 0, got " + latencyMs + " for " + config.label());
        }
        if (!Double.isFinite(energyJ) || energyJ < 0) {
            throw new IllegalArgumentException("energy must be finite and >= 0, got " + energyJ + " for " + config.label());
        }
    }

    /** A prediction, or a measurement whose spread is not known. */
    public Measurement(SplitConfig config, double latencyMs, double energyJ, double accuracy) {
        this(config, latencyMs, energyJ, accuracy, null);
    }

    public boolean hasAccuracy() {
        return !Double.isNaN(accuracy);
    }
}
