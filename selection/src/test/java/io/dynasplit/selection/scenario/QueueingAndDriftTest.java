package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.evaluation.Evaluation;
import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.outcome.Outcome;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.selection.strategy.Choice;
import io.dynasplit.selection.strategy.Request;
import io.dynasplit.selection.strategy.Strategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueingAndDriftTest {
    static final SplitConfig A = new SplitConfig("vgg16", 5, 1800, AcceleratorMode.OFF, false);
    static final SplitConfig B = new SplitConfig("vgg16", 5, 600, AcceleratorMode.OFF, false);
    static final SplitConfig CLOUD_ONLY = new SplitConfig("vgg16", 0, 1800, AcceleratorMode.OFF, true);

    /** Always picks {@code config}; remembers the queue it was told. */
    static final class Fixed implements Strategy {
        final SplitConfig config;
        final List<Double> toldQueue = new ArrayList<>();

        Fixed(SplitConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public Choice choose(Request request, DeviceState device) {
            toldQueue.add(device.queuedMs());
            return Choice.fixed(config, "test");
        }
    }

    /** Picks {@code even} for requests 0, 2, 4, ... and {@code odd} for the others. */
    private static Strategy alternating(SplitConfig even, SplitConfig odd) {
        return new Strategy() {
            @Override
            public String name() {
                return "alternating";
            }

            @Override
            public Choice choose(Request request, DeviceState device) {
                return Choice.fixed(request.index() % 2 == 0 ? even : odd, "test");
            }
        };
    }

    private static Evaluation run(ReconfigurationAccounting switches) {
        // latency 150 ms of which 100 ms on the board, 2 J
        return new Evaluation(Models.require("vgg16"), (i, c) -> new Outcome(150, 2, 100), switches);
    }

    @Test
    void aRequestArrivingWhileTheBoardIsBusyWaitsAndOnlyALoadAwareStrategyIsTold() {
        double[] thresholds = {200, 200, 200};
        double[] arrivals = {0, 10, 500};
        Fixed aware = new Fixed(A);
        List<RequestRecord> r = run(ReconfigurationAccounting.excluded()).run(aware, true, thresholds, arrivals);
        assertEquals(150, r.get(0).latencyMs(), 1e-9);
        assertEquals(90 + 150, r.get(1).latencyMs(), 1e-9, "waits until the first head frees the board at 100 ms");
        assertFalse(r.get(1).met());
        assertEquals(150, r.get(2).latencyMs(), 1e-9, "the board is free again at 200 ms");
        assertEquals(List.of(0.0, 90.0, 0.0), aware.toldQueue);

        Fixed blind = new Fixed(A);
        run(ReconfigurationAccounting.excluded()).run(blind, false, thresholds, arrivals);
        assertEquals(List.of(0.0, 0.0, 0.0), blind.toldQueue, "the paper's selection assumes an idle board");
    }

    @Test
    void aCloudOnlyRequestDoesNotWaitForTheHeadsAndDoesNotDelayThem() {
        double[] arrivals = {0, 10, 20};
        List<RequestRecord> r = run(ReconfigurationAccounting.excluded()).run(alternating(A, CLOUD_ONLY), true,
                new double[] {200, 200, 200}, arrivals);
        assertEquals(150, r.get(1).latencyMs(), 1e-9, "layer 0 goes out while the first head runs");
        assertTrue(r.get(1).met());
        assertEquals(80 + 150, r.get(2).latencyMs(), 1e-9, "the second head waits for the first head only");
    }

    @Test
    void theOracleCountsTheQueueForHeadsOnly() {
        // the head configuration is cheaper but slower behind a queue; layer 0 ignores the queue
        var oracle = new QueueAwareOracle(List.of(A, CLOUD_ONLY),
                (i, c) -> c == A ? new Outcome(150, 2, 100) : new Outcome(190, 60, 1),
                ReconfigurationAccounting.excluded());
        assertEquals(A, oracle.choose(new Request(0, 200), new DeviceState(A, 40)).config());
        Choice queued = oracle.choose(new Request(1, 200), new DeviceState(A, 60));
        assertEquals(CLOUD_ONLY, queued.config());
        assertFalse(queued.fallback());
    }

    @Test
    void withoutArrivalsRequestsFollowEachOtherAndSwitchesAreChargedAndOccupyTheBoard() {
        ReconfigurationAccounting switches = new ReconfigurationAccounting((i, from, to) -> 120, 2.0);
        List<RequestRecord> r = run(switches).run(alternating(A, B), true, new double[] {200, 200, 200}, null);
        assertEquals(150, r.get(0).latencyMs(), 1e-9, "the board starts in the first configuration");
        assertEquals(270, r.get(1).latencyMs(), 1e-9, "a switch adds its 120 ms, but no queue");
        assertEquals(2 + 0.24, r.get(1).energyJ(), 1e-9, "and 120 ms at 2 W");
        assertTrue(r.stream().allMatch(x -> x.latencyMs() < 300));
    }

    @Test
    void driftSlowsOnlyItsConfigurationsAndOnlyFromItsFirstRequest() {
        Drift drift = new Drift(Map.of(A, 2.0), 3);
        var runs = drift.applyTo((i, c) -> new Outcome(100, 1, 40));
        assertEquals(100, runs.outcome(2, A).latencyMs(), 1e-9);
        Outcome late = runs.outcome(3, A);
        assertEquals(200, late.latencyMs(), 1e-9);
        assertEquals(2, late.energyJ(), 1e-9);
        assertEquals(80, late.edgeMs(), 1e-9);
        assertEquals(100, runs.outcome(3, B).latencyMs(), 1e-9);
    }

    @Test
    void alternatingThresholdsInterleaveTheLowAndHighHalves() {
        double[] out = Ablation.alternate(new double[] {5, 1, 9, 2, 8, 7});
        // median 6: the low half 5 1 2 and the high half 9 8 7, each in drawn order
        assertEquals(List.of(5.0, 9.0, 1.0, 8.0, 2.0, 7.0), java.util.Arrays.stream(out).boxed().toList());
    }
}
