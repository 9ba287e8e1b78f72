package io.dynasplit.selection.outcome;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.SplittableRandom;

/** Outcomes from an (emulated) testbed model. */
public final class TestbedOutcomes {
    private TestbedOutcomes() {
    }

    /**
     * One {@link TestbedModel#sample} per (request, configuration), with the testbed's run-to-run noise. The draw is
     * seeded by (seed, request, configuration): every strategy that picks the same configuration for the same
     * request sees the same run.
     */
    public static OutcomeSource sampled(TestbedModel testbed, long seed) {
        return (requestIndex, config) -> {
            Prediction p = testbed.sample(config, new SplittableRandom(mix(seed, requestIndex, key(config))));
            return new Outcome(p.latencyMs(), p.energyJ(), p.edgeLatencyMs());
        };
    }

    /** The testbed's noise-free (median) figures. */
    public static OutcomeSource predicted(TestbedModel testbed) {
        return (requestIndex, config) -> {
            Prediction p = testbed.predict(config);
            return new Outcome(p.latencyMs(), p.energyJ(), p.edgeLatencyMs());
        };
    }

    private static long key(SplitConfig c) {
        return ((((long) c.model().hashCode() * 131 + c.layer()) * 8191 + c.cpuMhz()) * 4
                + c.edgeAccelerator().ordinal()) * 2 + (c.cloudGpu() ? 1 : 0);
    }

    /** SplitMix64 finaliser over the three inputs: well-spread seeds for neighbouring requests and configurations. */
    static long mix(long seed, long request, long config) {
        long z = seed * 0x9E3779B97F4A7C15L + request * 0xBF58476D1CE4E5B9L + config * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
