package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.strategy.Choice;
import io.dynasplit.selection.strategy.OracleStrategy;
import io.dynasplit.selection.strategy.Request;
import io.dynasplit.selection.strategy.Strategy;

import java.util.List;

/**
 * The oracle of a scenario: it knows every configuration's figures as the scenario makes them (the drifted profile,
 * noise-free) and the device's queue, and picks the lowest energy that meets what the queue leaves of the threshold
 * (all of it for layer 0, which does not wait for the queued heads).
 */
public final class QueueAwareOracle implements Strategy {
    private final OracleStrategy oracle;

    public QueueAwareOracle(List<SplitConfig> space, OutcomeSource scenarioProfile, ReconfigurationAccounting switches) {
        this.oracle = new OracleStrategy("oracle", space, scenarioProfile, switches);
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Choice choose(Request request, DeviceState device) {
        return oracle.choose(request, device);
    }
}
