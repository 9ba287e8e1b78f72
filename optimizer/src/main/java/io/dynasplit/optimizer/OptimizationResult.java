package io.dynasplit.optimizer;

import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.optimizer.search.Objectives;
import io.dynasplit.optimizer.search.SearchOutcome;

/**
 * An optimisation's Pareto store document and how the search went.
 *
 * @param hypervolumeRatio   hypervolume of the front over the exhaustive front's (see
 *                           {@link io.dynasplit.optimizer.quality.HypervolumeRatio}); null when the evaluator
 *                           cannot enumerate the space for free (live)
 * @param exhaustiveFrontSize size of the exhaustive front the ratio was scored against; 0 when there is none
 */
public record OptimizationResult(ParetoFront front, SearchOutcome search, Objectives objectives, int spaceSize,
                                 Double hypervolumeRatio, int exhaustiveFrontSize) {
}
