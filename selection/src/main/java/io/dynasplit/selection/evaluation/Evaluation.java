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
 * Runs strategies over a workload without Kafka, as the paper's simulation does: each strategy on its own edge device,
 * requests one after another (nothing queued) or at given arrival times (queueing in device time), each run's
 * figures from an {@link OutcomeSource}.
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

    /** One request after another on an idle board, as the paper's simulation. */
    public List<RequestRecord> run(Strategy strategy, double[] thresholds) {
        return run(strategy, false, thresholds, null);
    }

    /**
     * One strategy over a workload on one edge device, in device time: a request that arrives while the board is
     * still busy with earlier heads waits (its queue time counts in its latency), a knob switch is charged, and the
     * board is busy for the switch and the head. A cloud-only request (layer 0) runs no head: its input is forwarded
     * beside the queued heads, so it neither waits nor keeps the board busy. Without arrival times each request arrives
     * as the board becomes free (the paper's sequential setting). A load-aware strategy is told the queued device time;
     * others see an idle board.
     *
     * @param arrivalsMs each request's arrival (device ms, non-decreasing), or null: one after another
     */
    public List<RequestRecord> run(Strategy strategy, boolean loadAware, double[] thresholds, double[] arrivalsMs) {
        List<RequestRecord> records = new ArrayList<>(thresholds.length);
        SplitConfig current = null;
        double busyUntil = 0;
        for (int i = 0; i < thresholds.length; i++) {
            double arrival = arrivalsMs == null ? busyUntil : arrivalsMs[i];
            double boardQueueMs = Math.max(0, busyUntil - arrival);
            Choice choice = strategy.choose(new Request(i, thresholds[i]),
                    new DeviceState(current, loadAware ? boardQueueMs : 0));
            if (choice.rejected()) {
                records.add(RequestRecord.rejected(i, thresholds[i]));
                continue;
            }
            SplitConfig config = choice.config();
            double queueMs = config.setsEdgeKnobs() ? boardQueueMs : 0;
            Outcome run = outcomes.outcome(i, config);
            double switchMs = reconfiguration.ms(i, current, config);
            double latency = queueMs + switchMs + run.latencyMs();
            records.add(new RequestRecord(i, thresholds[i], config, model.placement(config), latency,
                    run.energyJ() + reconfiguration.joules(switchMs), switchMs, latency <= thresholds[i],
                    choice.fallback()));
            strategy.observe(config, run.latencyMs(), run.energyJ());
            if (config.setsEdgeKnobs()) {
                busyUntil = Math.max(arrival, busyUntil) + switchMs + run.edgeMs();
            }
            current = config.edgeKnobsAfter(current);
        }
        return records;
    }

    /** Mean board time (switch + head) per request of {@code records}: what sets the device's capacity. */
    public double meanBoardMs(List<RequestRecord> records) {
        return records.stream().filter(r -> !r.rejected())
                .mapToDouble(r -> r.reconfigurationMs() + outcomes.outcome(r.index(), r.config()).edgeMs())
                .average().orElse(1);
    }
}
