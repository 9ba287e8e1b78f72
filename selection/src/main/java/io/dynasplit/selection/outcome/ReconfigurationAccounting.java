package io.dynasplit.selection.outcome;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.testbed.TestbedModel;

/**
 * How a run on one device is charged for switching knobs: the switch's device time is added to the request's
 * latency and, at the edge's idle power, to its energy. The device starts in the first configuration it runs.
 */
public record ReconfigurationAccounting(ReconfigurationCost cost, double watts) {

    /** Switching is not charged (the paper's accounting: reconfiguration happens outside the measured window). */
    public static ReconfigurationAccounting excluded() {
        return new ReconfigurationAccounting(ReconfigurationCost.none(), 0.0);
    }

    /** The testbed's switching time at its idle power. */
    public static ReconfigurationAccounting of(TestbedModel testbed) {
        return new ReconfigurationAccounting(ReconfigurationCost.of(testbed), testbed.edgeIdleWatts());
    }

    public double ms(SplitConfig previous, SplitConfig next) {
        return previous == null ? 0.0 : cost.ms(previous, next);
    }

    public double joules(double ms) {
        return ms * watts / 1000.0;
    }
}
