package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;

import java.time.Duration;

/** Measures every valid configuration once: the exact front, for spaces small enough (or evaluators cheap enough). */
public final class ExhaustiveSearch {
    public static final String ALGORITHM = "exhaustive";

    private ExhaustiveSearch() {
    }

    public static SearchOutcome run(SearchSpace space, Objectives objectives, ConfigurationEvaluator evaluator,
                                    EvaluationListener listener) {
        long start = System.nanoTime();
        EvaluationCache cache = new EvaluationCache(evaluator, space.size(), listener);
        for (SplitConfig config : space.configurations()) {
            cache.measure(config);
        }
        return new SearchOutcome(ALGORITHM, ParetoFilter.nonDominated(cache.measurements(), objectives), cache.measurements(),
                cache.budget(), cache.requests(), cache.cacheHits(), 0, Duration.ofNanos(System.nanoTime() - start));
    }
}
