package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.outcome.Outcome;
import io.dynasplit.selection.outcome.OutcomeSource;

import java.util.Map;

/**
 * The runtime no longer matching the profile: from request {@code fromRequest} on, each run of a configuration in
 * {@code factors} takes that many times its latency, board time and energy.
 */
public record Drift(Map<SplitConfig, Double> factors, int fromRequest) {

    public Drift {
        factors = Map.copyOf(factors);
    }

    public static Drift none() {
        return new Drift(Map.of(), 0);
    }

    public double factor(int requestIndex, SplitConfig config) {
        return requestIndex < fromRequest ? 1.0 : factors.getOrDefault(config, 1.0);
    }

    /** {@code runs} as they come out under this drift. */
    public OutcomeSource applyTo(OutcomeSource runs) {
        if (factors.isEmpty()) {
            return runs;
        }
        return (i, config) -> {
            Outcome o = runs.outcome(i, config);
            double f = factor(i, config);
            return f == 1.0 ? o : o.scaled(f);
        };
    }
}
