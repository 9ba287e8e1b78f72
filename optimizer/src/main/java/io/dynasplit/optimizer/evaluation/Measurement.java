package io.dynasplit.optimizer.evaluation;

import io.dynasplit.contracts.SplitConfig;

import java.util.Objects;

/**
 * What one configuration costs per inference, as an evaluator measured or predicted it.
 *
 * @param latencyMs end-to-end latency per inference (ms)
 * @param energyJ   edge + cloud energy per inference (J)
 * @param accuracy  top-1 accuracy (0..1), NaN when the evaluator cannot tell
 */
public record Measurement(SplitConfig config, double latencyMs, double energyJ, double accuracy) {

    public Measurement {
        Objects.requireNonNull(config, "config");
        if (!Double.isFinite(latencyMs) || latencyMs < 0) {
            throw new IllegalArgumentException("latency must be finite and >= 0, got " + latencyMs + " for " + config.label());
        }
        if (!Double.isFinite(energyJ) || energyJ < 0) {
            throw new IllegalArgumentException("energy must be finite and >= 0, got " + energyJ + " for " + config.label());
        }
    }

    public boolean hasAccuracy() {
        return !Double.isNaN(accuracy);
    }
}
