package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.CountingEvaluator;
import io.dynasplit.optimizer.FakeTestbed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationCacheTest {
    private static SplitConfig config(int layer) {
        return new SplitConfig("vgg16", layer, 1200, AcceleratorMode.OFF, true);
    }

    @Test
    void duplicatesAreAnsweredFromTheCacheWithoutSpendingBudget() {
        CountingEvaluator evaluator = new CountingEvaluator(new FakeTestbed(), false);
        List<Integer> progress = new ArrayList<>();
        EvaluationCache cache = new EvaluationCache(evaluator, 2, (m, n, budget) -> progress.add(n));

        var first = cache.measure(config(3)).orElseThrow();
        assertSame(first, cache.measure(config(3)).orElseThrow());
        assertSame(first, cache.measure(config(3)).orElseThrow());
        assertEquals(1, cache.evaluations());
        assertFalse(cache.budgetSpent());

        cache.measure(config(4));
        assertTrue(cache.budgetSpent());
        assertEquals(2, evaluator.total());
        assertEquals(4, cache.requests());
        assertEquals(2, cache.cacheHits());
        assertEquals(List.of(1, 2), progress);
    }

    @Test
    void overBudgetNewConfigurationsAreNotMeasuredButKnownOnesStillAnswer() {
        CountingEvaluator evaluator = new CountingEvaluator(new FakeTestbed(), false);
        EvaluationCache cache = new EvaluationCache(evaluator, 1, null);
        cache.measure(config(5));

        assertTrue(cache.measure(config(6)).isEmpty());
        assertTrue(cache.measure(config(5)).isPresent());
        assertEquals(1, evaluator.total());
        assertEquals(1, cache.refusedOverBudget());
    }
}
