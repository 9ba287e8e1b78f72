package io.dynasplit.selection.strategy;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.index.DeviceState;

/** DynaSplit: the scheduler's own {@link Selector}, with feedback from every run. */
public record SelectorStrategy(String name, Selector selector) implements Strategy {

    @Override
    public Choice choose(Request request, DeviceState device) {
        return Choice.of(selector.select(request.thresholdMs(), device));
    }

    @Override
    public void observe(SplitConfig config, double latencyMs, double energyJ) {
        selector.observe(config, latencyMs, energyJ);
    }
}
