package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.front.ExhaustiveFront;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.scenario.Scenarios;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo --scenario}: which scenarios run live, on which models, and the front the scheduler is given. */
class DemoScenarioTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();

    @Test
    void paperDriftPublishesTheSimulationsHeldFrontWithTheViTEntryProfiled192TimesTooFast() {
        var vit = Models.require("vit-b16");
        ParetoFront optimized = ExhaustiveFront.of(ProfiledSpace.of(vit, TESTBED));
        DemoScenario scenario = DemoScenario.of("paper-drift");

        ParetoFront published = scenario.publishedFront("vit-b16", TESTBED, optimized, 50, 123456789L);

        var stale = scenario.scenarioFor("vit-b16", TESTBED, optimized, 50, 123456789L).stale().config();
        Prediction runs = TESTBED.predict(stale);
        ParetoEntry entry = published.entries().stream().filter(e -> e.config().equals(stale)).findFirst().orElseThrow();
        assertEquals(runs.latencyMs() / Scenarios.PAPER_DRIFT_FACTOR, entry.latencyMs(), 1e-9);
        assertEquals(runs.energyJ() / Scenarios.PAPER_DRIFT_FACTOR, entry.energyJ(), 1e-9);
        assertEquals(optimized.key(), published.key());
        assertEquals(optimized.version(), published.version());
    }

    @Test
    void paperDriftRunsVitUnlessToldOtherwiseAndRefusesVgg16() {
        DemoScenario scenario = DemoScenario.of("paper-drift");
        assertEquals(List.of("vit-b16"), scenario.models(null));
        assertEquals(List.of("vgg16"), scenario.models(List.of("vgg16")));
        var vgg = Models.require("vgg16");
        ParetoFront front = ExhaustiveFront.of(ProfiledSpace.of(vgg, TESTBED));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> scenario.publishedFront("vgg16", TESTBED, front, 50, 1)).getMessage().contains("vit-b16"));
    }

    @Test
    void aScenarioTheLiveStackCannotReplayIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("--scenario", "load-90");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("paper-drift"), err.toString());
        assertTrue(err.toString().contains("simulate --scenario load-90"), err.toString());
    }

    @Test
    void withoutAScenarioTheDemoRunsBothPaperModelsAndWithPaperDriftOnlyViT() {
        DemoCommand plain = new DemoCommand();
        new CommandLine(plain).parseArgs();
        assertEquals(List.of("vgg16", "vit-b16"), plain.modelNames(null));

        DemoCommand drift = new DemoCommand();
        new CommandLine(drift).parseArgs("--scenario", "paper-drift");
        assertEquals(List.of("vit-b16"), drift.modelNames(DemoScenario.of(drift.scenario)));

        DemoCommand asked = new DemoCommand();
        new CommandLine(asked).parseArgs("--models", "vgg16");
        assertEquals(List.of("vgg16"), asked.modelNames(null));
    }
}
