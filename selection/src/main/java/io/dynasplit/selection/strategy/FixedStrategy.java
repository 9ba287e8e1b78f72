package io.dynasplit.selection.strategy;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.DeviceState;

/** The same configuration for every request (the paper's static baselines). */
public record FixedStrategy(String name, SplitConfig config, String reason) implements Strategy {

    @Override
    public Choice choose(Request request, DeviceState device) {
        return Choice.fixed(config, reason);
    }
}
