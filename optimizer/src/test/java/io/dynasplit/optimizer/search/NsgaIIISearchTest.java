package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.CountingEvaluator;
import io.dynasplit.optimizer.FakeTestbed;
import io.dynasplit.optimizer.evaluation.Measurement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NsgaIIISearchTest {
    private static final List<Integer> MHZ = List.of(600, 800, 1000, 1200, 1400, 1600, 1800);
    private final FakeTestbed testbed = new FakeTestbed(MHZ);

    private SearchOutcome search(CountingEvaluator evaluator, Budget budget, long seed) {
        SearchSpace space = SearchSpace.of(Models.VGG16, MHZ);
        return NsgaIIISearch.run(space, Objectives.forModel(Models.VGG16), evaluator, budget, seed, SearchSettings.DEFAULT,
                EvaluationListener.NONE);
    }

    @Test
    void spendsExactlyTheBudgetOnDistinctConfigurationsAndNeverMeasuresOneTwice() {
        CountingEvaluator evaluator = new CountingEvaluator(testbed, false);
        SearchOutcome outcome = search(evaluator, Budget.PAPER, 7);

        assertEquals(184, outcome.budget());
        assertEquals(184, outcome.evaluations());
        assertEquals(184, evaluator.calls.size());
        assertTrue(evaluator.calls.values().stream().allMatch(n -> n == 1), "a configuration was measured twice");
        // the algorithm did propose duplicates; they were answered from the cache
        assertTrue(outcome.cacheHits() > 0);
        assertTrue(outcome.requests() >= outcome.cacheHits() + outcome.evaluations());
    }

    @Test
    void theCornersAreAlwaysMeasuredEvenOnATinyBudget() {
        SearchSpace space = SearchSpace.of(Models.VGG16, MHZ);
        for (int budget : new int[] {1, 5, 12}) {
            CountingEvaluator evaluator = new CountingEvaluator(testbed, false);
            SearchOutcome outcome = search(evaluator, Budget.count(budget), 3);
            Set<SplitConfig> measured = outcome.measured().stream().map(Measurement::config).collect(Collectors.toSet());
            assertTrue(measured.containsAll(space.corners()), "budget " + budget + " misses a corner");
            assertEquals(Math.max(budget, space.corners().size()), outcome.evaluations());
        }
    }

    @Test
    void theFrontIsTheNonDominatedSetOfEverythingMeasured() {
        SearchOutcome outcome = search(new CountingEvaluator(testbed, false), Budget.PAPER, 11);
        Objectives objectives = Objectives.forModel(Models.VGG16);
        for (Measurement f : outcome.front()) {
            for (Measurement m : outcome.measured()) {
                assertFalse(Objectives.dominates(objectives.vector(m), objectives.vector(f)),
                        m.config().label() + " dominates front member " + f.config().label());
            }
        }
        for (Measurement m : outcome.measured()) {
            boolean covered = outcome.front().stream().anyMatch(f -> f.equals(m)
                    || Objectives.dominates(objectives.vector(f), objectives.vector(m))
                    || java.util.Arrays.equals(objectives.vector(f), objectives.vector(m)));
            assertTrue(covered, m.config().label() + " is neither on the front nor dominated by it");
        }
    }

    @Test
    void theSameSeedGivesTheSameSearchAndAnotherSeedAnotherOne() {
        List<SplitConfig> a = search(new CountingEvaluator(testbed, false), Budget.PAPER, 5).measured().stream().map(Measurement::config).toList();
        List<SplitConfig> b = search(new CountingEvaluator(testbed, false), Budget.PAPER, 5).measured().stream().map(Measurement::config).toList();
        List<SplitConfig> c = search(new CountingEvaluator(testbed, false), Budget.PAPER, 6).measured().stream().map(Measurement::config).toList();
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void stopsWhenTheWholeSpaceIsMeasured() {
        SearchSpace space = SearchSpace.of(Models.VIT_B16, List.of(1000, 1800));
        CountingEvaluator evaluator = new CountingEvaluator(new FakeTestbed(List.of(1000, 1800)), false);
        SearchOutcome outcome = NsgaIIISearch.run(space, Objectives.forModel(Models.VIT_B16), evaluator, Budget.fraction(1.0), 1,
                SearchSettings.DEFAULT, EvaluationListener.NONE);
        assertTrue(outcome.evaluations() <= space.size());
        assertTrue(evaluator.calls.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void populationFollowsTheBudgetUnlessSet() {
        assertEquals(46, SearchSettings.DEFAULT.populationFor(184));
        assertEquals(14, SearchSettings.DEFAULT.populationFor(55));
        assertEquals(8, SearchSettings.DEFAULT.populationFor(5));
        assertEquals(50, SearchSettings.DEFAULT.withPopulationSize(50).populationFor(55));
    }

    @Test
    void referencePointsDoNotOutnumberThePopulation() {
        assertEquals(46, NsgaIIISearch.divisionsFor(2, 46).getNumberOfReferencePoints(2));
        assertEquals(45, NsgaIIISearch.divisionsFor(3, 46).getNumberOfReferencePoints(3)); // 8 divisions
        assertEquals(10, NsgaIIISearch.divisionsFor(3, 8).getNumberOfReferencePoints(3)); // never below 3 divisions
        assertEquals(91, NsgaIIISearch.referencePoints(12, 3));
    }
}
