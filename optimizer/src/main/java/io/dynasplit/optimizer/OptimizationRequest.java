package io.dynasplit.optimizer;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.Objectives;
import io.dynasplit.optimizer.search.SearchSettings;

import java.util.Objects;

/**
 * One optimisation: which model, NSGA-III within a budget or exhaustive, the seed and population settings.
 *
 * @param accuracyObjective null: accuracy is an objective when it varies for the model ({@link Objectives#accuracyVaries})
 *                          and the evaluator has figures for it; true/false forces it
 */
public record OptimizationRequest(ModelDescriptor model, boolean exhaustive, Budget budget, long seed,
                                  SearchSettings settings, Boolean accuracyObjective) {
    public static final long DEFAULT_SEED = 7;

    public OptimizationRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(settings, "settings");
    }

    /** NSGA-III within {@code budget}, default population settings. */
    public static OptimizationRequest nsga3(ModelDescriptor model, Budget budget, long seed) {
        return new OptimizationRequest(model, false, budget, seed, SearchSettings.DEFAULT, null);
    }

    /** Every valid configuration, once. */
    public static OptimizationRequest exhaustive(ModelDescriptor model) {
        return new OptimizationRequest(model, true, Budget.fraction(1.0), 0, SearchSettings.DEFAULT, null);
    }

    public OptimizationRequest withSettings(SearchSettings newSettings) {
        return new OptimizationRequest(model, exhaustive, budget, seed, newSettings, accuracyObjective);
    }

    public OptimizationRequest withAccuracyObjective(Boolean accuracy) {
        return new OptimizationRequest(model, exhaustive, budget, seed, settings, accuracy);
    }

    /** @param accuracyKnown whether the evaluator's measurements of the model carry an accuracy */
    public Objectives objectives(boolean accuracyKnown) {
        return accuracyObjective == null ? new Objectives(Objectives.accuracyVaries(model) && accuracyKnown)
                : new Objectives(accuracyObjective);
    }
}
