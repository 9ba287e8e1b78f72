package io.dynasplit.selection.index;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ConfigurationSpace;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.ReconfigurationCost;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.dynasplit.contracts.AcceleratorMode.MAX;
import static io.dynasplit.contracts.AcceleratorMode.OFF;
import static io.dynasplit.contracts.AcceleratorMode.STD;
import static io.dynasplit.selection.testing.Fronts.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectionIndexTest {

    private static SelectionIndex index(List<ParetoEntry> entries, ReconfigurationCost cost, double watts,
                                        FallbackPolicy fallback, double keepMargin) {
        ReconfigurationTable table = ReconfigurationTable.of(entries, cost, watts);
        return SelectionIndex.build(table, entries.stream().map(Candidate::uncorrected).toList(), fallback, keepMargin, 7);
    }

    private static SelectionIndex index(ParetoEntry... entries) {
        return index(List.of(entries), ReconfigurationCost.none(), 0, FallbackPolicy.FASTEST, 0);
    }

    @Test
    void picksTheLowestEnergyEntryWithinTheThreshold() {
        ParetoEntry cloud = entry(0, 1800, OFF, true, 100, 68);
        ParetoEntry split = entry(17, 1800, OFF, true, 300, 63);
        ParetoEntry edge = entry(22, 1800, OFF, false, 1700, 7.9);
        SelectionIndex index = index(cloud, split, edge);
        assertEquals(cloud.config(), index.select(150, null).config());
        assertEquals(split.config(), index.select(300, null).config(), "a threshold equal to the latency is met");
        assertEquals(split.config(), index.select(1699.9, null).config());
        assertEquals(edge.config(), index.select(1e9, null).config());
        assertEquals(SelectionReason.MET_THRESHOLD, index.select(150, null).reason());
        assertFalse(index.select(150, null).fallback());
    }

    @Test
    void equalEnergyPrefersHigherAccuracyThenLowerLatency() {
        ParetoEntry lowAccuracy = entry(3, 1800, OFF, true, 100, 50, 0.60);
        ParetoEntry highAccuracy = entry(4, 1800, OFF, true, 200, 50, 0.61);
        ParetoEntry unknownAccuracy = entry(5, 1800, OFF, true, 50, 50);
        SelectionIndex index = index(lowAccuracy, highAccuracy, unknownAccuracy);
        assertEquals(highAccuracy.config(), index.select(250, null).config());
        assertEquals(lowAccuracy.config(), index.select(150, null).config(), "known accuracy beats unknown (NaN)");
        assertEquals(unknownAccuracy.config(), index.select(60, null).config());

        ParetoEntry slower = entry(6, 1800, OFF, true, 300, 40, 0.6);
        ParetoEntry faster = entry(7, 1200, OFF, true, 250, 40, 0.6);
        assertEquals(faster.config(), index(slower, faster).select(400, null).config(),
                "same energy and accuracy: the faster one");
    }

    @Test
    void fallbackPoliciesWhenNothingMeetsTheThreshold() {
        List<ParetoEntry> front = List.of(entry(0, 1800, OFF, true, 100, 68), entry(22, 1800, OFF, false, 1700, 7.9),
                entry(10, 1800, OFF, true, 400, 60));
        Selection fastest = index(front, ReconfigurationCost.none(), 0, FallbackPolicy.FASTEST, 0).select(50, null);
        assertEquals(0, fastest.config().layer());
        assertEquals(SelectionReason.FALLBACK_FASTEST, fastest.reason());
        assertTrue(fastest.fallback());

        Selection cheapest = index(front, ReconfigurationCost.none(), 0, FallbackPolicy.CHEAPEST, 0).select(50, null);
        assertEquals(22, cheapest.config().layer());
        assertEquals(SelectionReason.FALLBACK_CHEAPEST, cheapest.reason());

        Selection rejected = index(front, ReconfigurationCost.none(), 0, FallbackPolicy.REJECT, 0).select(50, null);
        assertTrue(rejected.rejected());
        assertTrue(rejected.fallback());
        assertNull(rejected.config());
        assertEquals("reject", rejected.toDecision("device").policy());
    }

    @Test
    void queuedWorkShiftsTheChoiceToAFasterEntry() {
        ParetoEntry fast = entry(0, 1800, OFF, true, 100, 68);
        ParetoEntry slow = entry(17, 1800, OFF, true, 400, 63);
        SelectionIndex index = index(fast, slow);
        assertEquals(slow.config(), index.select(500, DeviceState.idle(fast.config())).config());
        Selection queued = index.select(500, new DeviceState(fast.config(), 200));
        assertEquals(fast.config(), queued.config());
        assertEquals(0, queued.queueMs(), "layer 0 does not wait for the queued heads");
        assertEquals(100, queued.predictedLatencyMs(), 1e-9, "layer 0: the entry's latency alone");
        assertEquals(SelectionReason.MET_THRESHOLD, index.select(500, new DeviceState(fast.config(), 450)).reason(),
                "layer 0 meets the threshold whatever is queued");

        ParetoEntry split = entry(5, 1800, OFF, true, 150, 66);
        SelectionIndex withSplit = index(split, slow);
        Selection splitQueued = withSplit.select(500, new DeviceState(split.config(), 200));
        assertEquals(split.config(), splitQueued.config());
        assertEquals(200, splitQueued.queueMs());
        assertEquals(350, splitQueued.predictedLatencyMs(), 1e-9, "queue + entry latency");
        assertEquals(SelectionReason.FALLBACK_FASTEST, withSplit.select(500, new DeviceState(split.config(), 400)).reason());
    }

    @Test
    void fastestFallbackCountsTheQueueForHeadsOnly() {
        ParetoEntry cloud = entry(0, 1800, OFF, true, 120, 68);
        ParetoEntry split = entry(5, 1800, OFF, true, 100, 66);
        SelectionIndex index = index(cloud, split);
        assertEquals(split.config(), index.select(50, DeviceState.idle(split.config())).config(), "idle: the faster");
        Selection queued = index.select(50, new DeviceState(split.config(), 30));
        assertEquals(SelectionReason.FALLBACK_FASTEST, queued.reason());
        assertEquals(cloud.config(), queued.config(), "100 + 30 queued is slower than layer 0's 120");
    }

    @Test
    void layerZeroNeedsNoSwitchFromAnyKnobs() {
        ParetoEntry split = entry(10, 800, STD, true, 300, 60);
        ParetoEntry cloudOnly = entry(0, 1800, OFF, true, 100, 68);
        ReconfigurationCost cost = ReconfigurationCost.estimate(116, 137);
        for (FallbackPolicy policy : FallbackPolicy.values()) {
            SelectionIndex index = index(List.of(split, cloudOnly), cost, 3.5, policy, 0);
            Selection tight = index.select(150, DeviceState.idle(split.config()));
            assertEquals(cloudOnly.config(), tight.config(), "cloud-only sets no knobs: 100 ms fits 150 ms");
            assertEquals(0, tight.reconfigurationMs());
            assertEquals(68, tight.predictedEnergyJ(), 1e-9);
            assertEquals(0, index.select(150, DeviceState.unknown()).reconfigurationMs(), "nor from unknown knobs");
            // a layer-0 configuration as the current one says nothing of the knobs: reaching the split is a switch
            assertEquals(116 + 137, index.select(2000, DeviceState.idle(cloudOnly.config())).reconfigurationMs());
        }
    }

    @Test
    void reconfigurationCostCountsTowardLatencyAndEnergy() {
        ParetoEntry onCurrentKnobs = entry(10, 1800, MAX, true, 120, 65);
        ParetoEntry cheaperElsewhere = entry(5, 1800, OFF, true, 100, 62);
        ReconfigurationCost cost = ReconfigurationCost.estimate(100, 900);
        SelectionIndex index = index(List.of(onCurrentKnobs, cheaperElsewhere), cost, 2.0, FallbackPolicy.FASTEST, 0);
        DeviceState current = DeviceState.idle(onCurrentKnobs.config());

        // switching the accelerator off costs 900 ms: 100 + 900 > 500
        Selection tight = index.select(500, current);
        assertEquals(onCurrentKnobs.config(), tight.config());
        assertEquals(0, tight.reconfigurationMs());

        Selection loose = index.select(2000, current);
        assertEquals(cheaperElsewhere.config(), loose.config());
        assertEquals(900, loose.reconfigurationMs());
        assertEquals(1000, loose.predictedLatencyMs(), 1e-9);
        assertEquals(62 + 900 * 2.0 / 1000, loose.predictedEnergyJ(), 1e-9);

        // at 4 W the switch costs 3.6 J: 62 + 3.6 J is more than staying at 65 J
        SelectionIndex costlySwitch = index(List.of(onCurrentKnobs, cheaperElsewhere), cost, 4.0, FallbackPolicy.FASTEST, 0);
        assertEquals(onCurrentKnobs.config(), costlySwitch.select(2000, current).config());

        // from the other side nothing needs switching for the cheaper one
        assertEquals(cheaperElsewhere.config(), index.select(500, DeviceState.idle(cheaperElsewhere.config())).config());
    }

    @Test
    void unknownAndForeignDeviceKnobsAreCharged() {
        ParetoEntry a = entry(10, 1800, MAX, true, 120, 65);
        ReconfigurationCost cost = ReconfigurationCost.estimate(100, 900);
        SelectionIndex index = index(List.of(a), cost, 0, FallbackPolicy.REJECT, 0);
        assertEquals(1000, index.select(5000, DeviceState.unknown()).reconfigurationMs(), "unknown: every knob is set");
        SplitConfig foreign = new SplitConfig("vit-b16", 3, 1800, STD, true);
        assertEquals(900, index.select(5000, DeviceState.idle(foreign)).reconfigurationMs(),
                "another model's configuration: charged by its knobs");
        assertTrue(index.select(1000, DeviceState.unknown()).rejected());
    }

    @Test
    void keepsTheCurrentKnobsWithinTheEnergyMargin() {
        ParetoEntry current = entry(10, 1800, MAX, true, 120, 64);
        ParetoEntry slightlyCheaper = entry(0, 1200, MAX, true, 100, 63);
        ParetoEntry muchCheaper = entry(22, 1200, MAX, false, 430, 2.4);
        ReconfigurationCost cost = ReconfigurationCost.estimate(50, 900);
        SelectionIndex index = index(List.of(current, slightlyCheaper, muchCheaper), cost, 0, FallbackPolicy.FASTEST, 0.02);
        DeviceState state = DeviceState.idle(current.config());

        Selection kept = index.select(300, state);
        assertEquals(current.config(), kept.config(), "63 J elsewhere is within 2% of 64 J here");
        assertEquals(SelectionReason.KEPT_CURRENT_KNOBS, kept.reason());
        assertEquals(0, kept.reconfigurationMs());

        assertEquals(muchCheaper.config(), index.select(1000, state).config(), "2.4 J is far outside the margin");

        SelectionIndex noMargin = index(List.of(current, slightlyCheaper, muchCheaper), cost, 0, FallbackPolicy.FASTEST, 0);
        assertEquals(slightlyCheaper.config(), noMargin.select(300, state).config());
    }

    @Test
    void nanThresholdFallsBackAndEmptyFrontIsRefused() {
        SelectionIndex index = index(entry(0, 1800, OFF, true, 100, 68));
        assertTrue(index.select(Double.NaN, null).fallback());
        assertThrows(IllegalArgumentException.class, () -> SelectionIndex.build(
                ReconfigurationTable.of(List.of(), ReconfigurationCost.none(), 0), List.of(), FallbackPolicy.FASTEST, 0, 1));
    }

    @Test
    void decisionCarriesThePrediction() {
        ParetoEntry a = entry(10, 1800, MAX, true, 120, 65);
        Selection s = index(List.of(a), ReconfigurationCost.estimate(100, 900), 2, FallbackPolicy.FASTEST, 0)
                .select(5000, new DeviceState(new SplitConfig("vgg16", 10, 1200, MAX, true), 30));
        var d = s.toDecision("device");
        assertEquals("energy-within-threshold", d.policy());
        assertFalse(d.fallback());
        assertEquals(30 + 100 + 120, d.predictedLatencyMs(), 1e-9);
        assertEquals(100, d.predictedReconfigurationMs());
        assertEquals(30, d.predictedQueueMs());
        assertEquals(7, d.frontVersion());
        assertEquals("device", d.timeBase());
    }

    // ---- property: the index answers what a scan over every entry answers -------------------------------------

    @Test
    void agreesWithABruteForceScanOnRandomFronts() {
        List<SplitConfig> space = ConfigurationSpace.enumerate(Models.VGG16, List.of(600, 1000, 1400, 1800));
        SplittableRandom rng = new SplittableRandom(20241031);
        int queries = 0;
        int fallbacks = 0;
        int kept = 0;
        int constantPath = 0;
        for (int trial = 0; trial < 300; trial++) {
            List<SplitConfig> shuffled = new ArrayList<>(space);
            Collections.shuffle(shuffled, new java.util.Random(rng.nextLong()));
            int n = 1 + rng.nextInt(80);
            List<ParetoEntry> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // coarse values so that ties in latency, energy and accuracy happen often
                double latency = 10 * (1 + rng.nextInt(200));
                double energy = rng.nextInt(40) * 0.5;
                double accuracy = rng.nextInt(4) == 0 ? Double.NaN : 0.6 + 0.005 * rng.nextInt(3);
                entries.add(new ParetoEntry(shuffled.get(i), latency, energy, accuracy));
            }
            Map<Long, Double> costs = new HashMap<>();
            // half the trials: costs by kind of change (the four-lookup path); half: by the knobs' values
            boolean byKind = trial % 2 == 0;
            ReconfigurationCost cost = byKind ? ReconfigurationCost.estimate(10.0 * rng.nextInt(30), 10.0 * rng.nextInt(30))
                    : (from, to) -> from == null ? 1500.0
                    : costs.computeIfAbsent(pairKey(from, to), k -> sameKnobs(from, to) ? 0.0 : 10.0 * rng.nextInt(60));
            double watts = rng.nextInt(3) * 2.5;
            double margin = rng.nextBoolean() ? 0 : 0.05 * rng.nextInt(3);
            FallbackPolicy fallback = FallbackPolicy.values()[rng.nextInt(3)];
            SelectionIndex index = index(entries, cost, watts, fallback, margin);
            if (byKind && index.constantLookups()) {
                constantPath++;
            }
            for (int q = 0; q < 40; q++) {
                SplitConfig current = switch (rng.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> entries.get(rng.nextInt(n)).config();
                    default -> space.get(rng.nextInt(space.size()));
                };
                double queue = rng.nextBoolean() ? 0 : rng.nextInt(500);
                double threshold = 5 + rng.nextInt(2600);
                DeviceState state = new DeviceState(current, queue);
                Selection expected = bruteForce(entries, cost, watts, fallback, margin, threshold, state);
                Selection actual = index.select(threshold, state);
                String where = "trial " + trial + " query " + q + " threshold " + threshold + " queue " + queue
                        + " current " + current;
                assertEquals(expected.reason(), actual.reason(), where);
                if (!expected.rejected()) {
                    assertEquals(expected.predictedEnergyJ(), actual.predictedEnergyJ(), 1e-9, where);
                    assertEquals(expected.latencyBoundMs(), actual.latencyBoundMs(), 1e-9, where);
                    assertEquals(accuracyOf(expected), accuracyOf(actual), where);
                }
                queries++;
                fallbacks += expected.fallback() ? 1 : 0;
                kept += expected.reason() == SelectionReason.KEPT_CURRENT_KNOBS ? 1 : 0;
            }
        }
        // the workload exercised every branch
        assertTrue(fallbacks > queries / 50, "fallbacks: " + fallbacks);
        assertTrue(kept > queries / 200, "kept: " + kept);
        assertTrue(constantPath > 100, "four-lookup path taken in " + constantPath + " of 150 trials");
    }

    private static double accuracyOf(Selection s) {
        return Double.isNaN(s.entry().accuracy()) ? Double.NEGATIVE_INFINITY : s.entry().accuracy();
    }

    /** The definition, written as a scan: what the index must answer. */
    private static Selection bruteForce(List<ParetoEntry> entries, ReconfigurationCost cost, double watts,
                                        FallbackPolicy fallback, double margin, double threshold, DeviceState state) {
        // a layer-0 configuration sets no knobs: it tells nothing of the device's
        SplitConfig current = state.currentConfig() == null || !state.currentConfig().setsEdgeKnobs() ? null
                : state.currentConfig();
        ParetoEntry best = null;
        double bestE = Double.POSITIVE_INFINITY;
        double bestA = Double.NEGATIVE_INFINITY;
        double bestL = Double.POSITIVE_INFINITY;
        ParetoEntry bestHere = null;
        double hereE = Double.POSITIVE_INFINITY;
        double hereA = Double.NEGATIVE_INFINITY;
        double hereL = Double.POSITIVE_INFINITY;
        for (ParetoEntry e : entries) {
            double r = switchMs(cost, current, e.config());
            if (!(e.latencyMs() <= (threshold - queueOf(e, state)) - r)) {
                continue;
            }
            double energy = e.energyJ() + r * watts / 1000.0;
            double acc = Double.isNaN(e.accuracy()) ? Double.NEGATIVE_INFINITY : e.accuracy();
            double bound = e.latencyMs() + r;
            if (SelectionIndex.better(energy, acc, bound, bestE, bestA, bestL)) {
                best = e;
                bestE = energy;
                bestA = acc;
                bestL = bound;
            }
            if (current != null && sameKnobs(current, e.config())
                    && SelectionIndex.better(energy, acc, bound, hereE, hereA, hereL)) {
                bestHere = e;
                hereE = energy;
                hereA = acc;
                hereL = bound;
            }
        }
        if (best != null && bestHere != null && hereE == bestE && hereA == bestA && hereL == bestL) {
            best = bestHere; // an exact tie goes to the knobs the device has
        }
        if (best != null) {
            boolean currentInFront = current != null
                    && entries.stream().anyMatch(e -> sameKnobs(e.config(), current));
            if (currentInFront && bestHere != null && !sameKnobs(best.config(), current) && hereE <= bestE * (1 + margin)) {
                return selectionOf(bestHere, state, 0, watts, SelectionReason.KEPT_CURRENT_KNOBS);
            }
            return selectionOf(best, state, switchMs(cost, current, best.config()), watts, SelectionReason.MET_THRESHOLD);
        }
        ParetoEntry pick = null;
        double pickL = Double.POSITIVE_INFINITY;
        double pickE = Double.POSITIVE_INFINITY;
        double pickA = Double.NEGATIVE_INFINITY;
        for (ParetoEntry e : entries) {
            double r = switchMs(cost, current, e.config());
            double energy = e.energyJ() + r * watts / 1000.0;
            double bound = e.latencyMs() + r;
            double acc = Double.isNaN(e.accuracy()) ? Double.NEGATIVE_INFINITY : e.accuracy();
            double waited = bound + queueOf(e, state);
            boolean better = fallback == FallbackPolicy.FASTEST
                    ? waited < pickL || (waited == pickL && (energy < pickE || (energy == pickE && acc > pickA)))
                    : SelectionIndex.better(energy, acc, bound, pickE, pickA, pickL);
            if (better) {
                pick = e;
                pickL = fallback == FallbackPolicy.FASTEST ? waited : bound;
                pickE = energy;
                pickA = acc;
            }
        }
        return switch (fallback) {
            case FASTEST -> selectionOf(pick, state, switchMs(cost, current, pick.config()), watts, SelectionReason.FALLBACK_FASTEST);
            case CHEAPEST -> selectionOf(pick, state, switchMs(cost, current, pick.config()), watts, SelectionReason.FALLBACK_CHEAPEST);
            case REJECT -> Selection.rejected(state.queuedMs(), 7);
        };
    }

    private static Selection selectionOf(ParetoEntry e, DeviceState state, double r, double watts, SelectionReason reason) {
        double queue = queueOf(e, state);
        return new Selection(e, queue + r + e.latencyMs(), queue + r + e.latencyMs(),
                e.energyJ() + r * watts / 1000.0, queue, r, r * watts / 1000.0, 1, 1, reason, 7);
    }

    /** The heads queued on the device delay every entry but layer 0's, whose input the device forwards at once. */
    private static double queueOf(ParetoEntry e, DeviceState state) {
        return e.config().setsEdgeKnobs() ? state.queuedMs() : 0;
    }

    private static double switchMs(ReconfigurationCost cost, SplitConfig current, SplitConfig to) {
        if (!to.setsEdgeKnobs() || current != null && sameKnobs(current, to)) {
            return 0;
        }
        return cost.ms(current, to);
    }

    private static boolean sameKnobs(SplitConfig a, SplitConfig b) {
        return a.setsEdgeKnobs() == b.setsEdgeKnobs() && (!a.setsEdgeKnobs()
                || a.cpuMhz() == b.cpuMhz() && a.edgeAccelerator() == b.edgeAccelerator());
    }

    private static long pairKey(SplitConfig from, SplitConfig to) {
        return ((long) from.cpuMhz() * 4 + from.edgeAccelerator().ordinal()) * 100_000L
                + to.cpuMhz() * 4L + to.edgeAccelerator().ordinal();
    }

    @SuppressWarnings("unused")
    private static final AcceleratorMode[] MODES = AcceleratorMode.values();
}
