package io.dynasplit.selection.outcome;

import io.dynasplit.testbed.TestbedModel;

/**
 * The random streams of an experiment with seed {@code seed}: each run's draw and each switch's time come from
 * streams independent of the thresholds' and of each other, and the same in {@code simulate} and the demo, so both
 * see the same runs for the same seed.
 */
public final class SeededDraws {
    private static final long RUNS = 0x5DEECE66DL;
    private static final long SWITCHES = 0x2545F4914F6CDD1DL;

    private SeededDraws() {
    }

    public static OutcomeSource runs(TestbedModel testbed, long seed) {
        return TestbedOutcomes.sampled(testbed, seed ^ RUNS);
    }

    public static ReconfigurationAccounting switches(TestbedModel testbed, long seed) {
        return ReconfigurationAccounting.sampled(testbed, seed ^ SWITCHES);
    }
}
