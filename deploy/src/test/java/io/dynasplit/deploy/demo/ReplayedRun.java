package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.evaluation.Evaluation;
import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.evaluation.StrategySummary;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.outcome.SeededDraws;
import io.dynasplit.selection.outcome.TestbedOutcomes;
import io.dynasplit.selection.strategy.Baselines;
import io.dynasplit.selection.workload.ThresholdWorkload;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModelRun} as the demo builds one, without the stack: the demo's front (NSGA-III at 20%, seed 7), the
 * paper's thresholds and the baselines on the emulated paper testbed, with the "live" results being DynaSplit's own
 * run of the same thresholds on that testbed (its configurations, latency, energy and deadlines; the latency's
 * split into edge and cloud time is not modelled here and sits on the side that runs most of the network).
 */
final class ReplayedRun {
    private ReplayedRun() {
    }

    static ModelRun of(String name, int requests) {
        long seed = 123456789L;
        ModelDescriptor model = Models.require(name);
        TestbedModel testbed = Testbeds.create("paper");
        ParetoFront front = Optimizer.paretoFront(model, testbed, Budget.parse("0.2"), 7);
        ProfiledSpace space = ProfiledSpace.of(model, testbed);
        ThresholdWorkload.Drawn drawn = ThresholdWorkload.parse("paper").draw(name, requests, 1.0,
                space.fastest().latencyMs(), space.slowest().latencyMs(), seed);
        double[] thresholds = drawn.thresholdsMs();
        ReconfigurationAccounting accounting = SeededDraws.switches(testbed, seed);
        Selector selector = Selector.builder(front).reconfiguration(ReconfigurationCost.of(testbed), accounting.watts())
                .feedback(FeedbackSettings.defaults()).build();
        OutcomeSource outcomes = SeededDraws.runs(testbed, seed);
        Map<String, List<RequestRecord>> baselines = new Evaluation(model, outcomes, accounting).runAll(
                Baselines.all(space, front, selector, TestbedOutcomes.predicted(testbed),
                        ReconfigurationAccounting.of(ReconfigurationCost.of(testbed), accounting.watts())), thresholds);
        List<RequestRecord> dynasplit = baselines.get(Baselines.DYNASPLIT);
        List<InferenceResult> live = new ArrayList<>();
        for (RequestRecord r : dynasplit) {
            live.add(result(model, r));
        }
        Map<String, List<RequestRecord>> records = new LinkedHashMap<>();
        records.put(ModelRun.LIVE, dynasplit);
        records.putAll(baselines);
        List<StrategySummary> summaries = StrategySummary.compare(records, Baselines.CLOUD_ONLY, Baselines.ORACLE);
        return new ModelRun(model, front, thresholds, drawn.source(), live, records, summaries);
    }

    private static InferenceResult result(ModelDescriptor model, RequestRecord r) {
        String id = model.name() + "-" + r.index();
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        if (r.rejected()) {
            return new InferenceResult(InferenceResult.SCHEMA_VERSION, id, "pi-a", model.name(), ResultStatus.REJECTED,
                    List.of(), null, null, null, null, r.thresholdMs(), false, null, null, "no configuration", now, now);
        }
        double work = r.latencyMs() - r.reconfigurationMs();
        boolean cloud = r.placement() == Placement.CLOUD;
        LatencyBreakdown latency = LatencyBreakdown.of(0, r.reconfigurationMs(), cloud ? 0 : work, 0, cloud ? work : 0);
        EnergyBreakdown energy = EnergyBreakdown.of(cloud ? 0 : r.energyJ(), cloud ? r.energyJ() : 0, "emulated:paper");
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, id, "pi-a", model.name(), ResultStatus.OK, List.of(),
                r.config(), r.placement(), latency, energy, r.thresholdMs(), r.met(), null, null, null, now, now);
    }
}
