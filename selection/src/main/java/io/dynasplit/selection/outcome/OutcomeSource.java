package io.dynasplit.selection.outcome;

import io.dynasplit.contracts.SplitConfig;

/**
 * Where the figures of a run come from, apart from what chose the configuration: the emulated testbed's draws in
 * {@code simulate}, its noise-free predictions, or measured results from the live pipeline.
 */
@FunctionalInterface
public interface OutcomeSource {

    /**
     * What running {@code config} for request {@code requestIndex} takes. Implementations answer the same for the
     * same arguments, so that strategies are compared on common random numbers and an oracle can look at every
     * configuration of a request in hindsight.
     */
    Outcome outcome(int requestIndex, SplitConfig config);
}
