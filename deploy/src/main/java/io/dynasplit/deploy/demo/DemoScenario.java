package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.scenario.Scenario;
import io.dynasplit.selection.scenario.Scenarios;
import io.dynasplit.testbed.TestbedModel;

import java.util.List;

/**
 * A simulation scenario replayed through the live pipeline ({@code demo --scenario}). Only scenarios whose whole
 * effect is a stale profile can run live as the simulation runs them: the nodes run the testbed as it is and the
 * scheduler holds the scenario's front, with the stale entry profiled too fast, which is the paper's own situation
 * (its ViT entry was profiled at 1434 ms and ran at about 2750 ms). Drift from a given request on, load and
 * alternating thresholds are the simulation's alone.
 */
record DemoScenario(String name) {
    /** The scenarios the live demo can replay. */
    static final List<String> LIVE = List.of("paper-drift");
    /** The models each replays, unless told others: the paper's ViT case is vit-b16's. */
    private static final List<String> PAPER_DRIFT_MODELS = List.of("vit-b16");

    /** {@code name} checked; throws IllegalArgumentException, naming the choices, for any other. */
    static DemoScenario of(String name) {
        if (!LIVE.contains(name)) {
            throw new IllegalArgumentException("--scenario must be one of " + LIVE + " live (the others are "
                    + "simulate's: ./dynasplit simulate --scenario " + name + "), got '" + name + "'");
        }
        return new DemoScenario(name);
    }

    /** The models to run: those asked for, else the scenario's. */
    List<String> models(List<String> asked) {
        return asked == null || asked.isEmpty() ? PAPER_DRIFT_MODELS : asked;
    }

    /** The scenario for {@code model}; throws IllegalArgumentException when the model has no such case. */
    Scenario scenarioFor(String model, TestbedModel testbed, ParetoFront front, int requests, long seed) {
        return Scenarios.named(name, ProfiledSpace.of(Models.require(model), testbed), front, requests, seed);
    }

    /** The front the scheduler is given: the optimizer's, with the scenario's stale entry. */
    ParetoFront publishedFront(String model, TestbedModel testbed, ParetoFront front, int requests, long seed) {
        return scenarioFor(model, testbed, front, requests, seed).heldFront(front, testbed);
    }
}
