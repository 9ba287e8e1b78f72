package io.dynasplit.optimizer.search;

/**
 * NSGA-III settings beyond the budget and seed.
 *
 * @param populationSize        individuals per generation; 0 picks one from the budget (see {@link #populationFor})
 * @param maxStalledGenerations stop early after this many generations in a row that propose no new configuration
 *                              (the population has converged; the budget is then not spent in full)
 */
public record SearchSettings(int populationSize, int maxStalledGenerations) {
    public static final SearchSettings DEFAULT = new SearchSettings(0, 25);
    static final int MIN_POPULATION = 8;
    static final int MAX_POPULATION = 100;

    public SearchSettings {
        if (populationSize != 0 && populationSize < 4) {
            throw new IllegalArgumentException("population size must be 0 (automatic) or >= 4, got " + populationSize);
        }
        if (maxStalledGenerations < 1) {
            throw new IllegalArgumentException("maxStalledGenerations must be >= 1");
        }
    }

    public SearchSettings withPopulationSize(int size) {
        return new SearchSettings(size, maxStalledGenerations);
    }

    /**
     * The population size for a budget: the configured one, or about a quarter of the budget (even, 8..100), so
     * that the search runs about four generations however small the budget. With Optuna's fixed 50 the paper's
     * 55-trial ViT search was one random generation.
     */
    public int populationFor(int budget) {
        if (populationSize > 0) {
            return populationSize;
        }
        int quarter = (int) Math.round(budget / 4.0);
        int even = quarter + (quarter % 2);
        return Math.max(MIN_POPULATION, Math.min(MAX_POPULATION, even));
    }
}
