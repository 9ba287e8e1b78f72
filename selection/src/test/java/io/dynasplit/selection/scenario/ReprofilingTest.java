package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.front.ExhaustiveFront;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.selection.staleness.StalenessCriterion;
import io.dynasplit.testbed.emulated.DriftedTestbed;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed loop in simulation: drift, staleness, a re-profiled front, and how the deadline rate recovers. */
class ReprofilingTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();

    @Test
    void aDriftedTestbedScalesEveryPartOfTheDriftedConfigurationsOnly() {
        SplitConfig drifted = new SplitConfig("vgg16", 22, 1200, AcceleratorMode.OFF, false);
        SplitConfig other = new SplitConfig("vgg16", 0, 1800, AcceleratorMode.OFF, true);
        DriftedTestbed t = DriftedTestbed.perConfiguration(TESTBED, Map.of(drifted, 1.5));
        assertEquals(TESTBED.predict(drifted).latencyMs() * 1.5, t.predict(drifted).latencyMs(), 1e-9);
        assertEquals(TESTBED.predict(drifted).energyJ() * 1.5, t.predict(drifted).energyJ(), 1e-9);
        assertEquals(TESTBED.predict(other), t.predict(other));
        assertEquals(TESTBED.sample(drifted, new SplittableRandom(3)).edgeLatencyMs() * 1.5,
                t.sample(drifted, new SplittableRandom(3)).edgeLatencyMs(), 1e-9);
        assertEquals(TESTBED.edgeDeviceClass(), t.edgeDeviceClass());
    }

    @Test
    void recoveryCountsRequestsUntilEveryLaterWindowIsBackAboveTheFloor() {
        List<RequestRecord> r = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // met before 40; missed 40..59; met after
            r.add(new RequestRecord(i, 1, null, null, 1, 1, 0, i < 40 || i >= 60, false));
        }
        // windows of 10 starting at 40..59 hold a miss; the first all-met window starts at 60 and ends at 69
        assertEquals(30, Recovery.requestsToRecover(r, 40, 10, 99));
        assertEquals(0, Recovery.requestsToRecover(r, 60, 10, 99), "nothing lost after 60");
        List<RequestRecord> never = new ArrayList<>(r.subList(0, 50));
        assertEquals(-1, Recovery.requestsToRecover(never, 40, 10, 99));
        Recovery.Run run = Recovery.of(r, 40, 10, 1.0);
        assertEquals(100, run.metBeforePercent(), 1e-9);
        assertEquals(100.0 * 40 / 60, run.metAfterPercent(), 1e-9);
        assertEquals(20, run.missedInTransient());
        assertTrue(run.recovered());
    }

    @Test
    void theMonitorStaysQuietWhenNothingDriftsEvenUnderLoadAndSwitches() {
        var model = Models.require("vgg16");
        var front = ExhaustiveFront.of(ProfiledSpace.of(model, TESTBED));
        Ablation ablation = new Ablation(model, TESTBED, front, FallbackPolicy.FASTEST)
                .withReprofiling(new Ablation.Reprofiling((m, t) -> {
                    throw new AssertionError("nothing to re-profile");
                }, StalenessCriterion.defaults(), 0));
        for (String scenario : List.of("paper", "switches", "load-90")) {
            Ablation.SeedRun run = ablation.runSeed(scenario, 3000, 1);
            run.reprofiledAt().forEach((name, at) -> assertTrue(at.isEmpty(), scenario + " " + name + ": " + at));
        }
    }

    @Test
    void withoutFeedbackOnlyReprofilingBringsTheDeadlineRateBackAfterADrift() {
        var model = Models.require("vgg16");
        var front = ExhaustiveFront.of(ProfiledSpace.of(model, TESTBED));
        Ablation ablation = new Ablation(model, TESTBED, front, FallbackPolicy.FASTEST)
                .withReprofiling(new Ablation.Reprofiling((m, t) -> ExhaustiveFront.of(ProfiledSpace.of(m, t)),
                        StalenessCriterion.defaults(), 0));
        int requests = 3000;
        List<Ablation.SeedRun> runs = List.of(ablation.runSeed("drift", requests, 1), ablation.runSeed("drift", requests, 2));
        System.out.println(Recovery.table(runs, Recovery.DEFAULT_WINDOW, Recovery.DEFAULT_TOLERANCE_POINTS));
        for (Ablation.SeedRun run : runs) {
            int from = run.scenario().drift().fromRequest();
            List<Integer> signalled = run.reprofiledAt().get("paper+reprofile");
            assertFalse(signalled.isEmpty(), "the drift is found");
            assertTrue(signalled.get(0) >= from, "not before the drift begins: " + signalled);
            Recovery.Run paper = Recovery.of(run.records().get("paper"), from, 200, 1.0);
            Recovery.Run loop = Recovery.of(run.records().get("paper+reprofile"), from, 200, 1.0);
            assertTrue(loop.metAfterPercent() > paper.metAfterPercent(), loop + " vs " + paper);
            assertTrue(loop.recovered(), "re-profiled: " + loop);
            // the pre-drift requests are the same for both
            assertEquals(paper.metBeforePercent(), loop.metBeforePercent(), 1e-9);
        }
    }
}
