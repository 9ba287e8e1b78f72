package io.dynasplit.selection.outcome;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.testbed.TestbedModel;

import java.util.SplittableRandom;

/**
 * How a run on one device is charged for switching knobs: the switch's device time is added to the request's
 * latency and, at the edge's idle power, to its energy. The device starts in the first configuration it runs.
 *
 * @param time  device time (ms) of the switch made for request {@code requestIndex}; the same for the same arguments
 * @param watts edge power while switching (W)
 */
public record ReconfigurationAccounting(SwitchTime time, double watts) {

    /** Device time of one switch, for one request. */
    @FunctionalInterface
    public interface SwitchTime {
        double ms(int requestIndex, SplitConfig from, SplitConfig to);
    }

    /** Switching is not charged (the paper's accounting: reconfiguration happens outside the measured window). */
    public static ReconfigurationAccounting excluded() {
        return new ReconfigurationAccounting((i, from, to) -> 0.0, 0.0);
    }

    /** A fixed cost model, e.g. the testbed's median switching time. */
    public static ReconfigurationAccounting of(ReconfigurationCost cost, double watts) {
        return new ReconfigurationAccounting((i, from, to) -> cost.ms(from, to), watts);
    }

    /**
     * The testbed's switching time with its measured spread ({@link TestbedModel#sampleReconfigurationMs}), drawn
     * per (seed, request, from knobs, to knobs), at the testbed's idle power.
     */
    public static ReconfigurationAccounting sampled(TestbedModel testbed, long seed) {
        return new ReconfigurationAccounting((i, from, to) -> {
            long knobs = ((long) from.cpuMhz() * 4 + from.edgeAccelerator().ordinal()) * 100_003L
                    + to.cpuMhz() * 4L + to.edgeAccelerator().ordinal();
            return testbed.sampleReconfigurationMs(from, to,
                    new SplittableRandom(TestbedOutcomes.mix(seed, i, knobs)));
        }, testbed.edgeIdleWatts());
    }

    /** Device time charged to request {@code requestIndex} for switching from {@code previous} (null: none). */
    public double ms(int requestIndex, SplitConfig previous, SplitConfig next) {
        if (previous == null || !next.needsEdgeReconfiguration(previous)) {
            return 0.0;
        }
        return time.ms(requestIndex, previous, next);
    }

    public double joules(double ms) {
        return ms * watts / 1000.0;
    }
}
