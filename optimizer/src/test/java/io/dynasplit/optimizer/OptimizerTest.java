package io.dynasplit.optimizer;

import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.optimizer.evaluation.EvaluationException;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.testbed.Testbeds;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {
    private static final List<Integer> MHZ = List.of(600, 1000, 1400, 1800);
    private final FakeTestbed testbed = new FakeTestbed(MHZ);

    @Test
    void buildsAStoreDocumentWithProvenance() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00.123456Z"), ZoneOffset.UTC);
        OptimizationResult r = Optimizer.optimize(OptimizationRequest.nsga3(Models.VGG16, Budget.PAPER, 9),
                new ProfileEvaluator(testbed), EvaluationListener.NONE, clock);
        ParetoFront front = r.front();
        assertEquals("vgg16", front.model());
        assertEquals("fake-board", front.deviceClass());
        assertEquals("vgg16@fake-board", front.key());
        assertEquals(Instant.parse("2026-03-01T10:00:00.123Z"), front.createdAt());
        assertEquals(front.createdAt().toEpochMilli(), front.version());
        var p = front.provenance();
        assertEquals("NSGA-III+PLS", p.algorithm());
        assertEquals(9, p.seed());
        assertEquals((int) Math.ceil(0.2 * r.spaceSize()), p.budget());
        assertEquals(p.budget(), p.evaluations());
        assertEquals("profile:fake", p.evaluator());
        assertEquals(r.hypervolumeRatio(), p.hypervolumeRatio());
        assertTrue(p.hypervolumeRatio() > 0 && p.hypervolumeRatio() <= 1.0 + 1e-12, "ratio " + p.hypervolumeRatio());
        // entries carry what the testbed predicts for them
        for (ParetoEntry e : front.entries()) {
            assertEquals(testbed.predict(e.config()).latencyMs(), e.latencyMs(), 1e-9);
            assertEquals(testbed.predict(e.config()).energyJ(), e.energyJ(), 1e-9);
            assertEquals(testbed.predict(e.config()).accuracy(), e.accuracy(), 1e-12);
        }
    }

    @Test
    void accuracyIsAnObjectiveByDefaultOnlyWhereItVariesAndTheEvaluatorHasFiguresForIt() {
        ProfileEvaluator paper = new ProfileEvaluator(Testbeds.create("paper"));
        // int8 heads and the authors' accuracy figures: three objectives
        OptimizationResult vgg = Optimizer.optimize(OptimizationRequest.nsga3(Models.VGG16, Budget.PAPER, 7), paper,
                EvaluationListener.NONE);
        assertEquals(3, vgg.objectives().count());
        // int8 heads, but the paper testbed prices fmnist-cnn from its shape and has no accuracy for it: two, and a
        // front (simulate and optimize without --accuracy-objective failed here before)
        assertFalse(paper.knowsAccuracy(Models.require("fmnist-cnn")));
        OptimizationResult fmnist = Optimizer.optimize(OptimizationRequest.nsga3(Models.require("fmnist-cnn"),
                Budget.PAPER, 7), paper, EvaluationListener.NONE);
        assertEquals(2, fmnist.objectives().count());
        assertFalse(fmnist.front().entries().isEmpty());
        // forced on where there are no figures: the reason, as before
        EvaluationException e = assertThrows(EvaluationException.class, () -> Optimizer.optimize(
                OptimizationRequest.nsga3(Models.require("fmnist-cnn"), Budget.PAPER, 7).withAccuracyObjective(true),
                paper, EvaluationListener.NONE));
        assertTrue(e.getMessage().contains("accuracy is an objective for fmnist-cnn"), e.getMessage());
    }

    @Test
    void theExhaustiveFrontScoresOneAndASearchNeverMore() {
        OptimizationResult exact = Optimizer.optimize(OptimizationRequest.exhaustive(Models.VGG16), new ProfileEvaluator(testbed),
                EvaluationListener.NONE);
        assertEquals(1.0, exact.hypervolumeRatio(), 1e-12);
        assertEquals(exact.spaceSize(), exact.search().evaluations());
        assertEquals("exhaustive", exact.front().provenance().algorithm());
        for (long seed = 1; seed <= 3; seed++) {
            double ratio = Optimizer.optimize(OptimizationRequest.nsga3(Models.VGG16, Budget.fraction(0.1), seed),
                    new ProfileEvaluator(testbed), EvaluationListener.NONE).hypervolumeRatio();
            assertTrue(ratio <= 1.0 + 1e-12, "seed " + seed + ": " + ratio);
        }
    }

    @Test
    void moreBudgetFindsAtLeastAsGoodAFrontOnAverage() {
        double small = 0;
        double large = 0;
        for (long seed = 1; seed <= 3; seed++) {
            small += Optimizer.optimize(OptimizationRequest.nsga3(Models.VGG16, Budget.count(10), seed),
                    new ProfileEvaluator(testbed), EvaluationListener.NONE).hypervolumeRatio();
            large += Optimizer.optimize(OptimizationRequest.nsga3(Models.VGG16, Budget.fraction(0.3), seed),
                    new ProfileEvaluator(testbed), EvaluationListener.NONE).hypervolumeRatio();
        }
        assertTrue(large > small, "10 evaluations " + small / 3 + " vs 30% " + large / 3);
    }

    @Test
    void anEvaluatorThatCannotEnumerateForFreeGetsNoRatio() {
        OptimizationResult r = Optimizer.optimize(OptimizationRequest.nsga3(Models.VIT_B16, Budget.count(12), 1),
                new CountingEvaluator(testbed, false), EvaluationListener.NONE);
        assertNull(r.hypervolumeRatio());
        assertNull(r.front().provenance().hypervolumeRatio());
        assertEquals(12, r.search().evaluations());
    }
}
