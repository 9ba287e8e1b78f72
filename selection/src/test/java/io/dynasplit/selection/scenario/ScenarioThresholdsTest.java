package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.front.ExhaustiveFront;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.selection.workload.ThresholdWorkload;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scenario on given thresholds (the live demo's), and the front a scenario has the scheduler hold. */
class ScenarioThresholdsTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();

    @Test
    void paperDriftHoldsTheViTEntryAtItsRunDividedByTheFactorAndLeavesTheOthers() {
        var vit = Models.require("vit-b16");
        ProfiledSpace space = ProfiledSpace.of(vit, TESTBED);
        ParetoFront front = ExhaustiveFront.of(space);
        Scenario scenario = Scenarios.named("paper-drift", space, front, 50, 1);

        ParetoFront held = scenario.heldFront(front, TESTBED);

        SplitConfig stale = scenario.stale().config();
        assertEquals(8, stale.layer());
        assertEquals(800, stale.cpuMhz());
        assertTrue(stale.cloudGpu());
        Prediction truth = TESTBED.predict(stale);
        ParetoEntry entry = held.entries().stream().filter(e -> e.config().equals(stale)).findFirst().orElseThrow();
        assertEquals(truth.latencyMs() / Scenarios.PAPER_DRIFT_FACTOR, entry.latencyMs(), 1e-9);
        assertEquals(truth.energyJ() / Scenarios.PAPER_DRIFT_FACTOR, entry.energyJ(), 1e-9);
        for (ParetoEntry e : front.entries()) {
            if (!e.config().equals(stale)) {
                assertTrue(held.entries().contains(e), e.config().label());
            }
        }
        assertSame(front, Scenarios.named("paper", space, front, 50, 1).heldFront(front, TESTBED));
    }

    @Test
    void givenThresholdsRunAsTheSeededOnesDoAndThePaperDriftEffectShowsOnThePapersFifty() {
        var vit = Models.require("vit-b16");
        ProfiledSpace space = ProfiledSpace.of(vit, TESTBED);
        Ablation ablation = new Ablation(vit, TESTBED, ExhaustiveFront.of(space), FallbackPolicy.FASTEST);
        double[] seeded = ThresholdWorkload.SEEDED.draw("vit-b16", 400, 1.0, space.fastest().latencyMs(),
                space.slowest().latencyMs(), 3).thresholdsMs();

        assertEquals(ablation.runSeed("paper-drift", 400, 3).records(),
                ablation.runSeed("paper-drift", seeded, 3).records());

        double[] paperFifty = ThresholdWorkload.PAPER.draw("vit-b16", 50, 1.0, space.fastest().latencyMs(),
                space.slowest().latencyMs(), 3).thresholdsMs();
        Ablation.SeedRun run = ablation.runSeed("paper-drift", paperFifty, 3);
        assertEquals(50, run.records().get("all").size());
        assertTrue(Ablation.metPercent(run.records().get("paper")) < Ablation.metPercent(run.records().get("all")),
                "the stale entry costs the paper's selection deadlines that feedback keeps: " + Ablation.rows(
                        java.util.List.of(run)));
    }
}
