package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;
import org.moeaframework.algorithm.NSGAIII;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.initialization.InjectedInitialization;
import org.moeaframework.util.weights.NormalBoundaryDivisions;

import java.time.Duration;
import java.util.List;

/**
 * NSGA-III (Deb and Jain 2014, MOEA Framework 4.5) over a {@link SearchSpace}, within a budget of distinct
 * configurations, optionally followed by a {@link ParetoLocalSearch} that spends the last part of the budget filling
 * the gaps of the front found. The corners are measured first and seed the first population. NSGA-III runs
 * generation by generation until its share of the budget is spent; the front is the non-dominated set of everything
 * measured (as Optuna's {@code best_trials}), so no measurement is wasted when NSGA-III drops a point from its
 * population.
 */
public final class NsgaIIISearch {
    public static final String ALGORITHM = "NSGA-III";
    /** NSGA-III followed by the Pareto local search. */
    public static final String HYBRID_ALGORITHM = "NSGA-III+PLS";
    /** MOEA Framework 4.5 draws every random number from one static PRNG: one seeded search at a time per JVM. */
    private static final Object PRNG_LOCK = new Object();

    private NsgaIIISearch() {
    }

    public static SearchOutcome run(SearchSpace space, Objectives objectives, ConfigurationEvaluator evaluator, Budget budget,
                                    long seed, SearchSettings settings, EvaluationListener listener) {
        List<SplitConfig> corners = space.corners();
        // the corners are always measured, so a budget smaller than the corners grows to them
        int limit = Math.max(budget.resolve(space.size()), Math.min(corners.size(), space.size()));
        synchronized (PRNG_LOCK) {
            long start = System.nanoTime();
            PRNG.setSeed(seed);
            EvaluationCache cache = new EvaluationCache(evaluator, limit, listener);
            corners.forEach(cache::measure);

            SplitConfigurationProblem problem = new SplitConfigurationProblem(space, objectives, cache);
            int globalLimit = limit - (int) Math.floor(settings.localSearchShare() * limit);
            int population = settings.populationFor(globalLimit);
            NSGAIII algorithm = new NSGAIII(problem, divisionsFor(objectives.count(), population));
            algorithm.setInitialPopulationSize(population);
            algorithm.setInitialization(new InjectedInitialization(problem,
                    corners.stream().map(problem::toSolution).toArray(Solution[]::new)));

            ParetoLocalSearch local = new ParetoLocalSearch(space, objectives, cache);
            int generations = evolve(algorithm, cache, globalLimit, settings);
            if (!local.runUntil(limit)) {
                // every front member's neighbourhood is measured: back to the global search for the rest
                generations += evolve(algorithm, cache, limit, settings);
            }
            return new SearchOutcome(settings.localSearchShare() > 0 ? HYBRID_ALGORITHM : ALGORITHM, ParetoFilter.nonDominated(cache.measurements(), objectives),
                    cache.measurements(), limit, cache.requests(), cache.cacheHits(), generations,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** NSGA-III generations until {@code evaluationLimit} configurations are measured or the population stalls. */
    private static int evolve(NSGAIII algorithm, EvaluationCache cache, int evaluationLimit, SearchSettings settings) {
        int generations = 0;
        int stalled = 0;
        while (cache.evaluations() < evaluationLimit && !cache.budgetSpent() && stalled < settings.maxStalledGenerations()) {
            int before = cache.evaluations();
            algorithm.step();
            generations++;
            stalled = cache.evaluations() == before ? stalled + 1 : 0;
        }
        return generations;
    }

    /**
     * The most reference-point divisions whose point count does not exceed the population (Deb and Jain: about
     * equal), but at least one per objective, below which there are no intermediate reference points.
     */
    static NormalBoundaryDivisions divisionsFor(int objectives, int population) {
        int divisions = objectives;
        while (referencePoints(divisions + 1, objectives) <= population) {
            divisions++;
        }
        return new NormalBoundaryDivisions(divisions);
    }

    /** Das and Dennis: C(divisions + objectives - 1, objectives - 1) points on the unit simplex. */
    static long referencePoints(int divisions, int objectives) {
        long n = 1;
        for (int i = 1; i < objectives; i++) {
            n = n * (divisions + i) / i;
        }
        return n;
    }
}
