package io.dynasplit.contracts;

/**
 * Where a Pareto front came from.
 *
 * @param evaluator        {@code profile:<testbed>} (emulated testbed) or {@code live} (measured through the pipeline)
 * @param budget           configurations the search was allowed to evaluate
 * @param evaluations      distinct configurations actually evaluated
 * @param spaceSize        number of valid configurations
 * @param hypervolumeRatio hypervolume of this front over the exhaustive front's, when known; otherwise null
 */
public record FrontProvenance(String algorithm, long seed, int budget, int evaluations, int spaceSize,
                              String evaluator, String hardwareIdentity, Double hypervolumeRatio) {
}
