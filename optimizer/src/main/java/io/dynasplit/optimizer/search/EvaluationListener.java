package io.dynasplit.optimizer.search;

import io.dynasplit.optimizer.evaluation.Measurement;

/** Told about every new measurement (not cache hits): progress bars, logs. */
@FunctionalInterface
public interface EvaluationListener {
    EvaluationListener NONE = (measurement, evaluations, budget) -> { };

    void measured(Measurement measurement, int evaluations, int budget);
}
