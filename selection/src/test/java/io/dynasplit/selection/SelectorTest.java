package io.dynasplit.selection;

import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.index.Selection;
import io.dynasplit.selection.index.SelectionReason;
import io.dynasplit.selection.testing.Fronts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.dynasplit.contracts.AcceleratorMode.MAX;
import static io.dynasplit.contracts.AcceleratorMode.OFF;
import static io.dynasplit.selection.testing.Fronts.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorTest {
    // the paper's ViT case: a configuration profiled at 1434 ms that ran at about 2750 ms
    private final ParetoEntry misprofiled = entry(8, 800, OFF, true, 1434, 89.1);
    private final ParetoEntry faster = entry(7, 1800, OFF, true, 1113, 89.6);
    private final ParetoEntry fastest = entry(0, 1800, OFF, true, 118, 90.9);

    private Selector selector(FeedbackSettings feedback) {
        return Selector.builder(Fronts.of(misprofiled, faster, fastest)).feedback(feedback).build();
    }

    @Test
    void slowRunsStopAConfigurationFromBeingPickedForThresholdsItNowMisses() {
        Selector selector = selector(FeedbackSettings.defaults().withZScore(0));
        assertEquals(misprofiled.config(), selector.select(1800, null).config());

        assertTrue(selector.observe(misprofiled.config(), 2750, 89.0));
        Selection after = selector.select(1800, null);
        assertEquals(faster.config(), after.config(), "one run at 2750 ms: 1434 ms is no longer believed");
        assertEquals(2750 / 1434.0, selector.correction(misprofiled.config()).latencyFactor(), 1e-9);
        // still picked where it meets the threshold as it really runs
        assertEquals(misprofiled.config(), selector.select(3000, null).config());
        assertEquals(2750, selector.select(3000, null).predictedLatencyMs(), 1e-6);
    }

    @Test
    void withoutFeedbackTheProfileIsBelievedForever() {
        Selector selector = selector(FeedbackSettings.disabled());
        for (int i = 0; i < 10; i++) {
            assertFalse(selector.observe(misprofiled.config(), 2750, 89.0));
        }
        assertEquals(misprofiled.config(), selector.select(1800, null).config());
    }

    @Test
    void ewmaFollowsRepeatedObservations() {
        Selector selector = selector(FeedbackSettings.defaults().withZScore(0).withHalfLife(0));
        selector.observe(misprofiled.config(), 2 * 1434, 89.1);
        assertEquals(2.0, selector.correction(misprofiled.config()).latencyFactor(), 1e-9, "first run is taken as is");
        selector.observe(misprofiled.config(), 1434, 89.1);
        assertEquals(2.0 + 0.3 * (1.0 - 2.0), selector.correction(misprofiled.config()).latencyFactor(), 1e-9);
        selector.observe(misprofiled.config(), 1434, 2 * 89.1);
        assertEquals(1.7 + 0.3 * (1.0 - 1.7), selector.correction(misprofiled.config()).latencyFactor(), 1e-9);
        assertEquals(1.0 + 0.3 * (2.0 - 1.0), selector.correction(misprofiled.config()).energyFactor(), 1e-9);
        assertEquals(3, selector.correction(misprofiled.config()).observations());
    }

    @Test
    void aFasterThanProfiledConfigurationBecomesEligible() {
        Selector selector = selector(FeedbackSettings.defaults().withZScore(0));
        assertEquals(faster.config(), selector.select(1400, null).config());
        selector.observe(misprofiled.config(), 1300, 89.1);
        assertEquals(misprofiled.config(), selector.select(1400, null).config());
    }

    @Test
    void theSafetyMarginKeepsAwayFromEntriesRightAtTheThreshold() {
        Selector selector = selector(FeedbackSettings.defaults()); // z = 2, 3% spread assumed
        assertEquals(faster.config(), selector.select(1450, null).config(), "1434 * 1.06 > 1450");
        assertEquals(misprofiled.config(), selector.select(1530, null).config());
        assertEquals(1434 * 1.06, selector.select(1530, null).latencyBoundMs(), 1e-6);
        assertEquals(1434, selector.select(1530, null).predictedLatencyMs(), 1e-6);
    }

    @Test
    void aCorrectionFadesAfterManyRunsOfOtherConfigurations() {
        Selector selector = selector(FeedbackSettings.defaults().withZScore(0).withHalfLife(10));
        selector.observe(misprofiled.config(), 2 * 1434, 89.1);
        for (int i = 0; i < 10; i++) {
            selector.observe(fastest.config(), 118, 90.9);
        }
        assertEquals(1.5, selector.correction(misprofiled.config()).latencyFactor(), 1e-9, "halfway back after one half-life");
    }

    @Test
    void unknownConfigurationsAndBrokenFiguresAreIgnored() {
        Selector selector = selector(FeedbackSettings.defaults());
        assertFalse(selector.observe(new SplitConfig("vgg16", 3, 600, OFF, true), 100, 1));
        assertFalse(selector.observe(misprofiled.config(), Double.NaN, 1));
        assertFalse(selector.observe(misprofiled.config(), -5, 1));
        assertEquals(0, selector.correction(misprofiled.config()).observations());
    }

    @Test
    void aNewFrontKeepsTheFeedback() {
        Selector selector = selector(FeedbackSettings.defaults().withZScore(0));
        selector.observe(misprofiled.config(), 2750, 89.0);
        selector.replaceFront(Fronts.of(2, List.of(misprofiled, fastest)));
        assertEquals(2, selector.front().version());
        assertEquals(2, selector.select(1800, null).frontVersion());
        assertEquals(fastest.config(), selector.select(1800, null).config());
    }

    @Test
    void aReprofiledEntryIsNotCorrectedTwiceForTheSameDrift() {
        Selector selector = selector(FeedbackSettings.defaults().withZScore(0));
        selector.observe(misprofiled.config(), 2750, 89.1 * 0.9);
        assertEquals(2750 / 1434.0, selector.correction(misprofiled.config()).latencyFactor(), 1e-9);
        // the optimizer measured it again: 2750 ms, 0.9 times the energy
        ParetoEntry reprofiled = new ParetoEntry(misprofiled.config(), 2750, 89.1 * 0.9, Double.NaN);
        selector.replaceFront(Fronts.of(2, List.of(reprofiled, faster, fastest)));
        assertEquals(1.0, selector.correction(misprofiled.config()).latencyFactor(), 1e-9);
        assertEquals(1.0, selector.correction(misprofiled.config()).energyFactor(), 1e-9);
        // the cheapest entry meets 2800 ms at its re-profiled 2750 ms (corrected twice it would be 5274 ms)
        assertEquals(misprofiled.config(), selector.select(2800, null).config());
        assertEquals(2750, selector.select(2800, null).predictedLatencyMs(), 1e-6);
        // an entry whose figures did not change keeps its correction as it was
        selector.observe(faster.config(), 1113 * 1.2, 89.6);
        selector.replaceFront(Fronts.of(3, List.of(reprofiled, faster, fastest)));
        assertEquals(1.2, selector.correction(faster.config()).latencyFactor(), 1e-9);
    }

    @Test
    void refusesBrokenFronts() {
        assertThrows(IllegalArgumentException.class, () -> Selector.builder(Fronts.of(1, List.of())).build());
        assertThrows(IllegalArgumentException.class, () -> Selector.builder(Fronts.of(misprofiled, misprofiled)).build());
        assertThrows(IllegalArgumentException.class,
                () -> Selector.builder(Fronts.of(entry(1, 600, OFF, true, 0, 1))).build());
    }

    @Test
    void keepsTheCurrentKnobsRatherThanReconfiguringForAFewPercent() {
        ParetoEntry here = entry(10, 1800, MAX, true, 120, 64);
        ParetoEntry there = entry(0, 1800, OFF, true, 100, 63);
        Selector selector = Selector.builder(Fronts.of(here, there))
                .reconfiguration(ReconfigurationCost.estimate(100, 150), 0)
                .feedback(FeedbackSettings.disabled())
                .keepMargin(0.02)
                .build();
        Selection s = selector.select(1000, DeviceState.idle(here.config()));
        assertEquals(here.config(), s.config());
        assertEquals(SelectionReason.KEPT_CURRENT_KNOBS, s.reason());
        assertEquals(there.config(), selector.select(1000, DeviceState.idle(there.config())).config());
    }

    @Test
    void selectsConcurrentlyWhileFeedbackRebuildsTheIndex() throws Exception {
        Selector selector = selector(FeedbackSettings.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            readers.add(pool.submit(() -> {
                start.await();
                int valid = 0;
                for (int i = 0; i < 20_000; i++) {
                    Selection s = selector.select(100 + (i % 3000), null);
                    if (s.config() != null && s.latencyBoundMs() > 0) {
                        valid++;
                    }
                }
                return valid;
            }));
        }
        Future<?> writer = pool.submit(() -> {
            start.await();
            for (int i = 0; i < 2_000; i++) {
                selector.observe(misprofiled.config(), 1434 * (1 + (i % 7) * 0.1), 89);
            }
            return null;
        });
        start.countDown();
        writer.get(30, TimeUnit.SECONDS);
        for (Future<Integer> r : readers) {
            assertEquals(20_000, r.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertTrue(selector.rebuilds() > 1);
    }
}
