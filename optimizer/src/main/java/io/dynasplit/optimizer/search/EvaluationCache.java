package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;
import io.dynasplit.optimizer.evaluation.Measurement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures each configuration at most once and counts the budget in distinct configurations: asking again for a
 * configuration already measured returns the stored measurement and costs nothing (the paper's Optuna study prunes
 * such duplicates too).
 */
public final class EvaluationCache {
    private final ConfigurationEvaluator evaluator;
    private final int budget;
    private final EvaluationListener listener;
    private final Map<SplitConfig, Measurement> measured = new LinkedHashMap<>();
    private int requests;
    private int hits;
    private int refusedOverBudget;

    public EvaluationCache(ConfigurationEvaluator evaluator, int budget, EvaluationListener listener) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1");
        }
        this.budget = budget;
        this.listener = listener == null ? EvaluationListener.NONE : listener;
    }

    /** The measurement of {@code config}; empty when it is new and the budget is spent (nothing is measured then). */
    public Optional<Measurement> measure(SplitConfig config) {
        requests++;
        Measurement known = measured.get(config);
        if (known != null) {
            hits++;
            return Optional.of(known);
        }
        if (budgetSpent()) {
            refusedOverBudget++;
            return Optional.empty();
        }
        Measurement m = evaluator.evaluate(config);
        if (!m.config().equals(config)) {
            throw new IllegalStateException("evaluator answered for " + m.config().label() + " when asked for " + config.label());
        }
        measured.put(config, m);
        listener.measured(m, measured.size(), budget);
        return Optional.of(m);
    }

    public boolean budgetSpent() {
        return measured.size() >= budget;
    }

    public int budget() {
        return budget;
    }

    /** Distinct configurations measured: what the budget counts. */
    public int evaluations() {
        return measured.size();
    }

    /** Every request, including those answered from the cache. */
    public int requests() {
        return requests;
    }

    /** Requests for a configuration already measured: they cost no budget. */
    public int cacheHits() {
        return hits;
    }

    /** Requests for new configurations after the budget was spent (the last generation's overflow). */
    public int refusedOverBudget() {
        return refusedOverBudget;
    }

    public boolean contains(SplitConfig config) {
        return measured.containsKey(config);
    }

    /** Every measurement, in the order they were taken. */
    public List<Measurement> measurements() {
        return new ArrayList<>(measured.values());
    }
}
