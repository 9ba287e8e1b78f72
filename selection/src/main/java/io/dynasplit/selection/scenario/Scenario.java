package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.testbed.TestbedModel;

/**
 * What an experiment does to the paper's setting: a drift of the runs away from the profile, a stale profile
 * entry, Poisson arrivals at a share of the edge device's capacity (0: one request after another, as the paper), and
 * thresholds that alternate between low and high so that knob switches matter.
 */
public record Scenario(String name, String description, Drift drift, StaleProfile stale, double load,
                       boolean alternating) {

    public Scenario {
        if (!(load >= 0 && load < 1)) {
            throw new IllegalArgumentException("load must be in [0, 1), got " + load);
        }
    }

    public boolean queues() {
        return load > 0;
    }

    /**
     * The front the scheduler holds in this scenario: {@code front} itself, or with the stale entry profiled
     * {@link StaleProfile#factor()} times too fast against what {@code testbed} runs. The simulation selects on it,
     * and the live demo publishes it, so that both hold the same belief about the same runs.
     */
    public ParetoFront heldFront(ParetoFront front, TestbedModel testbed) {
        return stale == null ? front : stale.applyTo(front, testbed.predict(stale.config()));
    }
}
