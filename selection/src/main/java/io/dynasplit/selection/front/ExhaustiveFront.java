package io.dynasplit.selection.front;

import io.dynasplit.contracts.FrontProvenance;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.testbed.Prediction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The exact front of a profiled space: every configuration no other beats on latency, energy and accuracy at once.
 * A reference for what the optimizer's search finds, and the front {@code simulate} uses when given none.
 */
public final class ExhaustiveFront {
    private ExhaustiveFront() {
    }

    public static ParetoFront of(ProfiledSpace space) {
        List<ParetoEntry> all = space.predictions().stream()
                .map(ExhaustiveFront::entry)
                .toList();
        List<ParetoEntry> front = nonDominated(all);
        FrontProvenance provenance = new FrontProvenance("exhaustive", 0, all.size(), all.size(), all.size(),
                "profile:" + space.testbed().id(), null, 1.0);
        return new ParetoFront(ParetoFront.SCHEMA_VERSION, space.model().name(), space.testbed().edgeDeviceClass(), 1,
                Instant.EPOCH, provenance, front);
    }

    /** The entries no other entry dominates (lower-or-equal latency and energy, higher-or-equal accuracy, one strictly). */
    public static List<ParetoEntry> nonDominated(List<ParetoEntry> entries) {
        List<ParetoEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingDouble(ParetoEntry::latencyMs).thenComparingDouble(ParetoEntry::energyJ));
        List<ParetoEntry> kept = new ArrayList<>();
        for (ParetoEntry candidate : sorted) {
            boolean dominated = false;
            for (ParetoEntry other : sorted) {
                if (other != candidate && dominates(other, candidate)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    static boolean dominates(ParetoEntry a, ParetoEntry b) {
        double accA = accuracy(a);
        double accB = accuracy(b);
        boolean noWorse = a.latencyMs() <= b.latencyMs() && a.energyJ() <= b.energyJ() && accA >= accB;
        boolean better = a.latencyMs() < b.latencyMs() || a.energyJ() < b.energyJ() || accA > accB;
        return noWorse && better;
    }

    /** Unknown accuracy (NaN) counts as equal to any other unknown: it never decides dominance. */
    private static double accuracy(ParetoEntry e) {
        return Double.isNaN(e.accuracy()) ? 0.0 : e.accuracy();
    }

    private static ParetoEntry entry(Prediction p) {
        return new ParetoEntry(p.config(), p.latencyMs(), p.energyJ(), p.accuracy());
    }
}
