package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.Models;
import io.dynasplit.optimizer.CountingEvaluator;
import io.dynasplit.optimizer.FakeTestbed;
import io.dynasplit.optimizer.evaluation.Measurement;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExhaustiveSearchTest {
    private final List<Integer> mhz = List.of(600, 1800);
    private final FakeTestbed testbed = new FakeTestbed(mhz);

    @Test
    void measuresEverythingOnceAndItsFrontIsNonDominatedAndComplete() {
        SearchSpace space = SearchSpace.of(Models.FMNIST_CNN, mhz);
        Objectives objectives = Objectives.forModel(Models.FMNIST_CNN);
        CountingEvaluator evaluator = new CountingEvaluator(testbed, true);
        SearchOutcome outcome = ExhaustiveSearch.run(space, objectives, evaluator, EvaluationListener.NONE);

        assertEquals(space.size(), outcome.evaluations());
        assertEquals(space.size(), evaluator.calls.size());
        assertTrue(outcome.front().size() > 2, "the fake testbed should conflict");

        // brute force over the space, independent of the filter: nothing beats a front member,
        // and every configuration is on the front, dominated by it, or tied with a member
        ProfileEvaluator truth = new ProfileEvaluator(testbed);
        for (var config : space.configurations()) {
            double[] v = objectives.vector(truth.evaluate(config));
            for (Measurement f : outcome.front()) {
                assertFalse(Objectives.dominates(v, objectives.vector(f)), config.label() + " dominates " + f.config().label());
            }
            boolean covered = outcome.front().stream().map(objectives::vector)
                    .anyMatch(fv -> Objectives.dominates(fv, v) || Arrays.equals(fv, v));
            assertTrue(covered, config.label() + " is missing from the front");
        }
    }

    @Test
    void accuracyIsAnObjectiveOnlyWhenItVaries() {
        assertTrue(Objectives.forModel(Models.VGG16).accuracy());
        assertFalse(Objectives.forModel(Models.VIT_B16).accuracy());
    }

    @Test
    void aThirdObjectiveKeepsTheMoreAccurateOfTwoOtherwiseEqualPoints() {
        var c1 = new io.dynasplit.contracts.SplitConfig("vgg16", 1, 600, io.dynasplit.contracts.AcceleratorMode.OFF, false);
        var c2 = new io.dynasplit.contracts.SplitConfig("vgg16", 2, 600, io.dynasplit.contracts.AcceleratorMode.OFF, false);
        List<Measurement> ms = List.of(new Measurement(c1, 10, 1, 0.60), new Measurement(c2, 10, 1, 0.61));
        assertEquals(List.of(ms.get(1)), ParetoFilter.nonDominated(ms, new Objectives(true)));
        assertEquals(List.of(ms.get(0)), ParetoFilter.nonDominated(ms, new Objectives(false)));
    }
}
