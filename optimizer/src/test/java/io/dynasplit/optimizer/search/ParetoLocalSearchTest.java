package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.CountingEvaluator;
import io.dynasplit.optimizer.FakeTestbed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParetoLocalSearchTest {
    private static final List<Integer> MHZ = List.of(600, 1200, 1800);
    private final SearchSpace space = SearchSpace.of(Models.VGG16, MHZ);

    private ParetoLocalSearch search(EvaluationCache cache) {
        return new ParetoLocalSearch(space, Objectives.forModel(Models.VGG16), cache);
    }

    private EvaluationCache cache() {
        return new EvaluationCache(new CountingEvaluator(new FakeTestbed(MHZ), false), 1000, null);
    }

    @Test
    void radiusOneMovesOneKnobOneStep() {
        SplitConfig c = new SplitConfig("vgg16", 5, 1200, AcceleratorMode.STD, true);
        assertEquals(Set.of(
                new SplitConfig("vgg16", 4, 1200, AcceleratorMode.STD, true),
                new SplitConfig("vgg16", 6, 1200, AcceleratorMode.STD, true),
                new SplitConfig("vgg16", 5, 600, AcceleratorMode.STD, true),
                new SplitConfig("vgg16", 5, 1800, AcceleratorMode.STD, true),
                new SplitConfig("vgg16", 5, 1200, AcceleratorMode.OFF, true),
                new SplitConfig("vgg16", 5, 1200, AcceleratorMode.MAX, true),
                new SplitConfig("vgg16", 5, 1200, AcceleratorMode.STD, false)), Set.copyOf(search(cache()).neighbours(c, 1)));
    }

    @Test
    void aKnobTheLayerMadeMeaninglessTakesEveryValueOnALayerMove() {
        SplitConfig edgeOnly = new SplitConfig("vgg16", 22, 1800, AcceleratorMode.MAX, false);
        List<SplitConfig> n = search(cache()).neighbours(edgeOnly, 2);
        assertEquals(Set.of(new SplitConfig("vgg16", 20, 1800, AcceleratorMode.MAX, false),
                new SplitConfig("vgg16", 20, 1800, AcceleratorMode.MAX, true),
                new SplitConfig("vgg16", 22, 600, AcceleratorMode.MAX, false)), Set.copyOf(n));
        SplitConfig cloudOnly = new SplitConfig("vgg16", 0, 600, AcceleratorMode.OFF, true);
        assertTrue(search(cache()).neighbours(cloudOnly, 1).containsAll(List.of(
                new SplitConfig("vgg16", 1, 600, AcceleratorMode.STD, true),
                new SplitConfig("vgg16", 1, 600, AcceleratorMode.MAX, true))));
    }

    @Test
    void neverProposesWhatIsAlreadyMeasured() {
        EvaluationCache cache = cache();
        SplitConfig c = new SplitConfig("vgg16", 5, 1200, AcceleratorMode.STD, true);
        cache.measure(new SplitConfig("vgg16", 6, 1200, AcceleratorMode.STD, true));
        assertTrue(!search(cache).neighbours(c, 1).contains(new SplitConfig("vgg16", 6, 1200, AcceleratorMode.STD, true)));
    }

    @Test
    void crowdingFavoursTheMembersBesideTheWidestGap() {
        // front along a line: the gap between x=1 and x=9 is the widest
        double[][] front = {{0, 10}, {1, 9}, {9, 1}, {10, 0}};
        double[] c = ParetoLocalSearch.crowding(front);
        assertArrayEquals(new double[] {0.4, 1.8, 1.8, 0.4}, c, 1e-12);
    }

    @Test
    void stopsAtTheLimitAndMeasuresEachConfigurationOnce() {
        CountingEvaluator evaluator = new CountingEvaluator(new FakeTestbed(MHZ), false);
        EvaluationCache cache = new EvaluationCache(evaluator, 1000, null);
        space.corners().forEach(cache::measure);
        assertTrue(new ParetoLocalSearch(space, Objectives.forModel(Models.VGG16), cache).runUntil(40));
        assertEquals(40, cache.evaluations());
        assertTrue(evaluator.calls.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void pureNsgaIIIIsStillAvailableAndNamedSo() {
        SearchOutcome outcome = NsgaIIISearch.run(space, Objectives.forModel(Models.VGG16),
                new CountingEvaluator(new FakeTestbed(MHZ), false), Budget.PAPER, 1, SearchSettings.NSGA_III_ONLY, null);
        assertEquals("NSGA-III", outcome.algorithm());
        assertEquals(Budget.PAPER.resolve(space.size()), outcome.evaluations());
    }
}
