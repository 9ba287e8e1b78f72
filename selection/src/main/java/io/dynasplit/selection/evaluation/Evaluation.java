package io.dynasplit.selection.evaluation;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.outcome.Outcome;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.strategy.Choice;
import io.dynasplit.selection.strategy.Request;
import io.dynasplit.selection.strategy.Strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs strategies over a workload without Kafka, as the paper's simulation does: requests one after another on one
 * edge device (nothing queued), each strategy on its own device, each run's figures from an {@link OutcomeSource}.
 */
public final class Evaluation {
    private final ModelDescriptor model;
    private final OutcomeSource outcomes;
    private final ReconfigurationAccounting reconfiguration;

    public Evaluation(ModelDescriptor model, OutcomeSource outcomes, ReconfigurationAccounting reconfiguration) {
        this.model = model;
        this.outcomes = outcomes;
        this.reconfiguration = reconfiguration;
    }

    /** Every strategy over the same thresholds, in order; the map keeps the strategies' order. */
    public Map<String, List<RequestRecord>> runAll(List<Strategy> strategies, double[] thresholds) {
        Map<String, List<RequestRecord>> byStrategy = new LinkedHashMap<>();
        for (Strategy s : strategies) {
            if (byStrategy.put(s.name(), run(s, thresholds)) != null) {
                throw new IllegalArgumentException("two strategies are named " + s.name());
            }
        }
        return byStrategy;
    }

    public List<RequestRecord> run(Strategy strategy, double[] thresholds) {
        List<RequestRecord> records = new ArrayList<>(thresholds.length);
        SplitConfig current = null;
        for (int i = 0; i < thresholds.length; i++) {
            Choice choice = strategy.choose(new Request(i, thresholds[i]), new DeviceState(current, 0.0));
            if (choice.rejected()) {
                records.add(RequestRecord.rejected(i, thresholds[i]));
                continue;
            }
            SplitConfig config = choice.config();
            Outcome run = outcomes.outcome(i, config);
            double switchMs = reconfiguration.ms(i, current, config);
            double latency = run.latencyMs() + switchMs;
            double energy = run.energyJ() + reconfiguration.joules(switchMs);
            records.add(new RequestRecord(i, thresholds[i], config, model.placement(config), latency, energy, switchMs,
                    latency <= thresholds[i], choice.fallback()));
            strategy.observe(config, run.latencyMs(), run.energyJ());
            current = config.edgeKnobsAfter(current);
        }
        return records;
    }
}
