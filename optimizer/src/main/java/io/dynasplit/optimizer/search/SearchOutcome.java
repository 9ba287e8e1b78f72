package io.dynasplit.optimizer.search;

import io.dynasplit.optimizer.evaluation.Measurement;

import java.time.Duration;
import java.util.List;

/**
 * What a search found.
 *
 * @param front        the non-dominated configurations among everything measured, sorted by latency
 * @param measured     every configuration measured, in order
 * @param budget       distinct configurations the search was allowed to measure
 * @param requests     configurations the algorithm asked for, duplicates included
 * @param cacheHits    requests answered from the cache (no budget spent)
 * @param generations  algorithm steps (0 for exhaustive search)
 */
public record SearchOutcome(String algorithm, List<Measurement> front, List<Measurement> measured, int budget, int requests,
                            int cacheHits, int generations, Duration elapsed) {
    public SearchOutcome {
        front = List.copyOf(front);
        measured = List.copyOf(measured);
    }

    public int evaluations() {
        return measured.size();
    }
}
