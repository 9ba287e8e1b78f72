package io.dynasplit.selection.evaluation;

import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.outcome.Outcome;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.strategy.Choice;
import io.dynasplit.selection.strategy.Request;
import io.dynasplit.selection.strategy.Strategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dynasplit.contracts.AcceleratorMode.MAX;
import static io.dynasplit.contracts.AcceleratorMode.OFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    private final SplitConfig cloud = new SplitConfig("vgg16", 0, 1800, OFF, true);
    private final SplitConfig edge = new SplitConfig("vgg16", 22, 1800, MAX, false);
    private final SplitConfig split = new SplitConfig("vgg16", 10, 1800, OFF, true);

    /** Alternates split (accelerator off) / edge / reject, and records what it was told. */
    private final class Alternating implements Strategy {
        final List<DeviceState> seen = new ArrayList<>();
        final List<Double> observedLatency = new ArrayList<>();

        @Override
        public String name() {
            return "alternating";
        }

        @Override
        public Choice choose(Request request, DeviceState device) {
            seen.add(device);
            return switch (request.index() % 3) {
                case 0 -> Choice.fixed(split, "split");
                case 1 -> Choice.fixed(edge, "edge");
                default -> new Choice(null, true, "reject", Double.NaN, Double.NaN);
            };
        }

        @Override
        public void observe(SplitConfig config, double latencyMs, double energyJ) {
            observedLatency.add(latencyMs);
        }
    }

    @Test
    void chargesSwitchesToTheRequestAndFeedsBackTheRunAlone() {
        Alternating strategy = new Alternating();
        var accounting = ReconfigurationAccounting.of(ReconfigurationCost.estimate(100, 900), 4.0);
        Evaluation evaluation = new Evaluation(Models.VGG16, (i, c) -> c.equals(split) ? new Outcome(100, 68)
                : new Outcome(430, 2.4), accounting);
        List<RequestRecord> records = evaluation.run(strategy, new double[] {150, 1000, 500, 120});

        assertEquals(0, records.get(0).reconfigurationMs(), "the device starts in the first configuration");
        assertEquals(100, records.get(0).latencyMs());
        assertTrue(records.get(0).met());
        assertEquals(Placement.SPLIT, records.get(0).placement());

        assertEquals(900, records.get(1).reconfigurationMs(), "accelerator switched on");
        assertEquals(1330, records.get(1).latencyMs(), 1e-9);
        assertEquals(2.4 + 3.6, records.get(1).energyJ(), 1e-9);
        assertFalse(records.get(1).met());

        assertTrue(records.get(2).rejected());
        assertFalse(records.get(2).met());
        assertNull(records.get(2).config());

        assertEquals(900, records.get(3).reconfigurationMs(), "a rejected request leaves the device as it was");
        assertEquals(edge, strategy.seen.get(3).currentConfig());
        assertEquals(List.of(100.0, 430.0, 100.0), strategy.observedLatency, "feedback without the switch");
        assertEquals("2,500.000,,,,,,,false", records.get(2).csvLine());
        assertEquals("1,1000.000,22,1800,max,false,1330.000,6.0000,false", records.get(1).csvLine());
    }

    @Test
    void cloudOnlyLeavesTheEdgeKnobsAsTheyWere() {
        var accounting = ReconfigurationAccounting.of(ReconfigurationCost.estimate(100, 900), 4.0);
        List<SplitConfig> order = List.of(split, cloud, edge, cloud, edge);
        Strategy replay = new Strategy() {
            @Override
            public String name() {
                return "replay";
            }

            @Override
            public Choice choose(Request request, DeviceState device) {
                return Choice.fixed(order.get(request.index()), "fixed");
            }

            @Override
            public void observe(SplitConfig config, double latencyMs, double energyJ) {
            }
        };
        List<RequestRecord> records = new Evaluation(Models.VGG16, (i, c) -> new Outcome(100, 10), accounting)
                .run(replay, new double[] {1000, 1000, 1000, 1000, 1000});
        assertEquals(0, records.get(1).reconfigurationMs(), "cloud-only sets no knobs");
        assertEquals(900, records.get(2).reconfigurationMs(), "from the split's knobs, which cloud-only left");
        assertEquals(0, records.get(3).reconfigurationMs());
        assertEquals(0, records.get(4).reconfigurationMs(), "the edge still has its own knobs");
    }

    @Test
    void summariesInThePapersForm() {
        List<RequestRecord> cloudOnly = List.of(record(0, 100, 100, 68), record(1, 100, 120, 70));
        List<RequestRecord> dynasplit = List.of(record(0, 100, 90, 60), record(1, 500, 430, 2),
                RequestRecord.rejected(2, 50));
        List<RequestRecord> oracle = List.of(record(0, 100, 95, 30), record(1, 500, 450, 1.0));
        Map<String, List<RequestRecord>> all = new LinkedHashMap<>();
        all.put("dynasplit", dynasplit);
        all.put("cloud-only", cloudOnly);
        all.put("oracle", oracle);
        List<StrategySummary> s = StrategySummary.compare(all, "cloud-only", "oracle");
        StrategySummary d = s.get(0);
        assertEquals("dynasplit", d.strategy());
        assertEquals(3, d.requests());
        assertEquals(260, d.latencyMedianMs(), 1e-9);
        assertEquals(31, d.energyMeanJ(), 1e-9);
        assertEquals(1, d.deadlinesMissed(), "the rejected one");
        assertEquals(200.0 / 3, d.qosMetPercent(), 1e-9);
        assertEquals(100 * (1 - 31 / 69.0), d.energySavingVsCloudPercent(), 1e-9);
        assertEquals(100 * (31 / 15.5 - 1), d.energyVsOraclePercent(), 1e-9);
        assertEquals(1, d.edge());
        assertEquals(1, d.cloud());
        assertEquals(1, d.rejected());
        assertEquals(0, s.get(1).energySavingVsCloudPercent(), 1e-9);
        assertEquals(1, s.get(1).deadlinesMissed(), "120 ms > 100 ms");
        String table = SummaryTable.format(s);
        assertTrue(table.contains("dynasplit") && table.contains("1/0/1") && table.contains("55.1%"), table);
    }

    private RequestRecord record(int i, double threshold, double latency, double energy) {
        SplitConfig c = energy < 10 ? edge : cloud;
        return new RequestRecord(i, threshold, c, Models.VGG16.placement(c), latency, energy, 0, latency <= threshold, false);
    }
}
