package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.Models;
import io.dynasplit.selection.front.ExhaustiveFront;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ablation on the emulated paper testbed: each addition pays where its scenario says it should. */
class AblationTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();

    private static Map<String, Ablation.Row> rows(String model, String scenario, int requests) {
        var descriptor = Models.require(model);
        var front = ExhaustiveFront.of(ProfiledSpace.of(descriptor, TESTBED));
        Ablation ablation = new Ablation(descriptor, TESTBED, front, FallbackPolicy.FASTEST);
        List<Ablation.SeedRun> runs = List.of(ablation.runSeed(scenario, requests, 1), ablation.runSeed(scenario, requests, 2));
        return Ablation.rows(runs).stream().collect(Collectors.toMap(Ablation.Row::selection, Function.identity()));
    }

    @Test
    void thePapersStaleVitEntryCostsThePaperSelectionDeadlinesThatFeedbackRecovers() {
        Map<String, Ablation.Row> r = rows("vit-b16", "paper-drift", 3000);
        double paper = r.get("paper").metPercent().mean();
        double all = r.get("all").metPercent().mean();
        assertTrue(paper < 90, "the stale entry is chosen and runs 1.92 times slower: " + paper);
        assertTrue(all >= 97, "feedback corrects it: " + all);
        assertTrue(r.get("feedback").metPercent().mean() > paper + 5);
    }

    @Test
    void underLoadTheLoadAwareSelectionMeetsMoreDeadlinesAndAllTogetherAreNeverWorseOnBoth() {
        Map<String, Ablation.Row> r = rows("vgg16", "load-90", 3000);
        assertTrue(r.get("load").metPercent().mean() > r.get("paper").metPercent().mean() + 10,
                r.get("load") + " vs " + r.get("paper"));
        Ablation.Row all = r.get("all");
        Ablation.Row paper = r.get("paper");
        assertTrue(all.metPercent().mean() >= paper.metPercent().mean()
                || all.meanEnergyJ().mean() <= paper.meanEnergyJ().mean());
        assertEquals(6, r.size(), "five variants and the oracle");
    }

    @Test
    void switchCostsMatterWhenThresholdsAlternate() {
        Map<String, Ablation.Row> r = rows("vgg16", "switches", 2000);
        assertTrue(r.get("switches").metPercent().mean() > r.get("paper").metPercent().mean() + 10,
                r.get("switches") + " vs " + r.get("paper"));
    }

    @Test
    void paperDriftNeedsTheVitConfigurationAndUnknownScenariosAreNamed() {
        var descriptor = Models.require("vgg16");
        var space = ProfiledSpace.of(descriptor, TESTBED);
        var front = ExhaustiveFront.of(space);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Scenarios.named("paper-drift", space, front, 100, 1)).getMessage().contains("vit-b16"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Scenarios.named("rush-hour", space, front, 100, 1)).getMessage().contains("load-90"));
    }
}
