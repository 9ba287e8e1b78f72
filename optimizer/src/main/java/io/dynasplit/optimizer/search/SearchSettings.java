package io.dynasplit.optimizer.search;

/**
 * NSGA-III settings beyond the budget and seed.
 *
 * @param populationSize        individuals per generation; 0 picks one from the budget (see {@link #populationFor})
 * @param maxStalledGenerations stop NSGA-III after this many generations in a row that propose no new configuration
 *                              (the population has converged)
 * @param localSearchShare      share of the budget left to the Pareto local search after NSGA-III (0 = NSGA-III
 *                              alone). Default 0.5: on the emulated paper testbed it lifts ViT's median hypervolume
 *                              ratio over 31 seeds from 0.974 to 0.999 (docs/optimizer.md)
 */
public record SearchSettings(int populationSize, int maxStalledGenerations, double localSearchShare) {
    public static final SearchSettings DEFAULT = new SearchSettings(0, 25, 0.5);
    /** NSGA-III alone, as the paper (plus cache and corners). */
    public static final SearchSettings NSGA_III_ONLY = new SearchSettings(0, 25, 0.0);
    static final int MIN_POPULATION = 8;
    static final int MAX_POPULATION = 100;

    public SearchSettings {
        if (populationSize != 0 && populationSize < 4) {
            throw new IllegalArgumentException("population size must be 0 (automatic) or >= 4, got " + populationSize);
        }
        if (!(localSearchShare >= 0 && localSearchShare < 1)) {
            throw new IllegalArgumentException("localSearchShare must be in [0, 1), got " + localSearchShare);
        }
        if (maxStalledGenerations < 1) {
            throw new IllegalArgumentException("maxStalledGenerations must be >= 1");
        }
    }

    public SearchSettings withPopulationSize(int size) {
        return new SearchSettings(size, maxStalledGenerations, localSearchShare);
    }

    public SearchSettings withLocalSearchShare(double share) {
        return new SearchSettings(populationSize, maxStalledGenerations, share);
    }

    /**
     * The population size for NSGA-III's share of the budget: the configured one, or about a quarter of it (even,
     * 8..100), so that NSGA-III runs about four generations however small the budget. With Optuna's fixed 50 the
     * paper's 55-trial ViT search was one random generation.
     */
    public int populationFor(int evaluations) {
        if (populationSize > 0) {
            return populationSize;
        }
        int quarter = (int) Math.round(evaluations / 4.0);
        int even = quarter + (quarter % 2);
        return Math.max(MIN_POPULATION, Math.min(MAX_POPULATION, even));
    }
}
