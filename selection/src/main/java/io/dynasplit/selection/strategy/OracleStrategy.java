package io.dynasplit.selection.strategy;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.outcome.Outcome;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;

import java.util.List;

/**
 * The best configuration per request in hindsight: it knows what every valid configuration takes for this request,
 * from the {@link OutcomeSource} it is given, and picks the lowest energy that meets the threshold, else the fastest.
 * Greedy per request: switching costs count as given, not planned ahead. The device's queued heads delay every
 * configuration but layer 0's, which the board forwards beside them.
 *
 * <p>Given the testbed's noise-free figures ({@link io.dynasplit.selection.outcome.TestbedOutcomes#predicted}) it is
 * the best choice a scheduler with a perfect profile of the whole space could make; its runs still vary. Given the
 * very runs the others are charged ({@code sampled}), it also knows each run's luck: a bound no scheduler reaches.
 */
public final class OracleStrategy implements Strategy {
    private final String name;
    private final List<SplitConfig> space;
    private final OutcomeSource outcomes;
    private final ReconfigurationAccounting reconfiguration;

    public OracleStrategy(String name, List<SplitConfig> space, OutcomeSource outcomes,
                          ReconfigurationAccounting reconfiguration) {
        if (space.isEmpty()) {
            throw new IllegalArgumentException("the oracle needs at least one configuration");
        }
        this.name = name;
        this.space = List.copyOf(space);
        this.outcomes = outcomes;
        this.reconfiguration = reconfiguration;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Choice choose(Request request, DeviceState device) {
        SplitConfig current = device == null ? null : device.currentConfig();
        double queued = device == null ? 0 : device.queuedMs();
        SplitConfig best = null;
        double bestEnergy = Double.POSITIVE_INFINITY;
        double bestLatency = Double.NaN;
        SplitConfig fastest = null;
        double fastestLatency = Double.POSITIVE_INFINITY;
        double fastestEnergy = Double.NaN;
        for (SplitConfig c : space) {
            Outcome o = outcomes.outcome(request.index(), c);
            double switchMs = reconfiguration.ms(request.index(), current, c);
            double latency = (c.setsEdgeKnobs() ? queued : 0) + o.latencyMs() + switchMs;
            double energy = o.energyJ() + reconfiguration.joules(switchMs);
            if (latency <= request.thresholdMs() && energy < bestEnergy) {
                best = c;
                bestEnergy = energy;
                bestLatency = latency;
            }
            if (latency < fastestLatency) {
                fastest = c;
                fastestLatency = latency;
                fastestEnergy = energy;
            }
        }
        if (best != null) {
            return new Choice(best, false, "lowest energy within the threshold, in hindsight", bestLatency, bestEnergy);
        }
        return new Choice(fastest, true, "no configuration meets the threshold: fastest, in hindsight", fastestLatency,
                fastestEnergy);
    }
}
