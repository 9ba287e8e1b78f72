package io.dynasplit.optimizer;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.Placement;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality bar on the emulated paper testbed: 20% of the space reaches 0.99 of the exhaustive hypervolume. */
class PaperTestbedFrontQualityTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    @ParameterizedTest
    @ValueSource(strings = {"vgg16", "vit-b16"})
    void twentyPercentReachesNinetyNinePercentOfTheExhaustiveHypervolume(String name) {
        ModelDescriptor model = Models.require(name);
        double[] ratios = new double[SEEDS.length];
        for (int i = 0; i < SEEDS.length; i++) {
            OptimizationResult r = Optimizer.optimize(OptimizationRequest.nsga3(model, Budget.PAPER, SEEDS[i]),
                    new ProfileEvaluator(TESTBED), EvaluationListener.NONE);
            assertEquals(Budget.PAPER.resolve(r.spaceSize()), r.search().evaluations());
            ratios[i] = r.hypervolumeRatio();
        }
        Arrays.sort(ratios);
        assertTrue(ratios[ratios.length / 2] >= 0.99, name + " median hypervolume ratio " + Arrays.toString(ratios));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theVitFrontContainsEdgeOnly(long seed) {
        ParetoFront front = Optimizer.paretoFront(Models.VIT_B16, TESTBED, Budget.PAPER, seed);
        assertTrue(front.entries().stream().anyMatch(e -> Models.VIT_B16.placement(e.config()) == Placement.EDGE),
                "seed " + seed + ": no edge-only entry");
    }
}
