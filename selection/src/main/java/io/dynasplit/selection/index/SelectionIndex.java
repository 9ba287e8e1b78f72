package io.dynasplit.selection.index;

import io.dynasplit.contracts.AcceleratorMode;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Immutable query structure over a corrected front: "lowest energy whose latency bound fits the threshold (tie:
 * higher accuracy, then lower latency), else the fallback".
 *
 * <p>Each lookup structure ({@link Group}) is sorted by latency bound with a running minimum of energy, so "the best
 * entry within a limit" is one binary search. Reconfiguration cost is constant within a knob group, and queueing
 * shifts every limit alike, except the layer-0 entries': they run nothing on the board, so the device forwards their
 * input without waiting for the heads queued before them. Two ways to answer:
 * <ul>
 *   <li>when switching costs depend only on which knobs change (frequency, accelerator, both; the paper's testbed
 *   and the configured estimate for real hardware), four lookups: the current knob group at no cost, the entries
 *   with the current accelerator at the frequency-change cost, those with the current frequency at the
 *   accelerator-change cost, and all entries at the highest cost; a fifth, at no cost, of the layer-0 entries, which
 *   set no knobs. A lookup charges some entries more than they cost, never less, and each entry is charged exactly
 *   in one of them: O(log n) whatever the number of groups;</li>
 *   <li>otherwise (costs that depend on the knobs' values, an unknown or foreign current state), one lookup per knob
 *   group, groups with the cheapest entries first and skipped once they cannot win: O(G log(n/G)).</li>
 * </ul>
 */
public final class SelectionIndex {
    private final ReconfigurationTable table;
    private final Group[] groups;
    private final int[] cheapestFirst;
    private final Group all;
    private final Group[] byAccelerator;
    private final Group[] byCpu;
    private final FallbackPolicy fallback;
    private final double keepMargin;
    private final long frontVersion;
    private final int size;

    private SelectionIndex(ReconfigurationTable table, List<Candidate> candidates, FallbackPolicy fallback,
                           double keepMargin, long frontVersion) {
        this.table = table;
        this.fallback = fallback;
        this.keepMargin = keepMargin;
        this.frontVersion = frontVersion;
        this.size = candidates.size();
        int[] groupOf = candidates.stream().mapToInt(c -> {
            int g = table.groupOf(c.config());
            if (g < 0) {
                throw new IllegalArgumentException("no knob group for " + c.config().label());
            }
            return g;
        }).toArray();
        this.groups = new Group[table.groups()];
        for (int g = 0; g < groups.length; g++) {
            int group = g;
            groups[g] = Group.of(candidates, groupOf, i -> groupOf[i] == group);
        }
        this.cheapestFirst = IntStream.range(0, groups.length).boxed()
                .sorted(Comparator.comparingDouble(g -> groups[g].cheapest))
                .mapToInt(Integer::intValue).toArray();
        // with few groups a lookup per group is no more work than the four lookups
        if (table.classCosts() != null && groups.length > 4) {
            this.all = Group.of(candidates, groupOf, i -> true);
            this.byAccelerator = new Group[AcceleratorMode.values().length];
            for (int a = 0; a < byAccelerator.length; a++) {
                int mode = a;
                byAccelerator[a] = Group.of(candidates, groupOf,
                        i -> table.knobs(groupOf[i]).accelerator().ordinal() == mode);
            }
            this.byCpu = new Group[table.cpuCount()];
            for (int slot = 0; slot < byCpu.length; slot++) {
                int cpu = slot;
                byCpu[slot] = Group.of(candidates, groupOf, i -> table.cpuSlot(groupOf[i]) == cpu);
            }
        } else {
            this.all = null;
            this.byAccelerator = null;
            this.byCpu = null;
        }
    }

    /**
     * @param table      knob groups and switching costs of the front the candidates come from
     * @param candidates the front's entries with corrections applied, each with knobs that {@code table} knows
     * @param keepMargin relative energy margin within which the device's current knobs are kept rather than switched
     */
    public static SelectionIndex build(ReconfigurationTable table, List<Candidate> candidates, FallbackPolicy fallback,
                                       double keepMargin, long frontVersion) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a selection index needs at least one entry");
        }
        if (!(keepMargin >= 0)) {
            throw new IllegalArgumentException("keepMargin must be >= 0");
        }
        return new SelectionIndex(table, candidates, fallback, keepMargin, frontVersion);
    }

    public int size() {
        return size;
    }

    public long frontVersion() {
        return frontVersion;
    }

    public FallbackPolicy fallbackPolicy() {
        return fallback;
    }

    /** True when queries take the four-lookup path (switching costs depend only on which knobs change). */
    public boolean constantLookups() {
        return all != null;
    }

    public Selection select(double thresholdMs, DeviceState device) {
        double queue = device == null ? 0.0 : device.queuedMs();
        ReconfigurationTable.CostRow row = table.rowFor(device == null ? null : device.currentConfig());
        Best best = new Best();
        int current = row.currentGroup();
        double budget = thresholdMs - queue;
        // the current group first: the keep-margin rule needs it, and it wins exact ties (nothing to switch)
        if (current >= 0) {
            best.consider(groups[current], budget, 0, 0);
        }
        Group currentBest = best.group;
        int currentIndex = best.index;
        if (all != null && current >= 0) {
            ReconfigurationTable.ClassCosts k = table.classCosts();
            best.consider(byAccelerator[table.knobs(current).accelerator().ordinal()], budget, k.cpuOnlyMs(), k.cpuOnlyJ());
            best.consider(byCpu[table.cpuSlot(current)], budget, k.acceleratorOnlyMs(), k.acceleratorOnlyJ());
            best.consider(all, budget, k.anyMs(), k.anyJ());
            if (table.unchangedGroup() >= 0) {
                // layer 0: no switch from any knobs, no wait behind queued heads
                best.consider(groups[table.unchangedGroup()], thresholdMs, 0, 0);
            }
        } else {
            for (int g : cheapestFirst) {
                if (g != current && groups[g].cheapest + row.joules()[g] <= best.energy) {
                    best.consider(groups[g], thresholdMs - queueFor(g, queue), row.ms()[g], row.joules()[g]);
                }
            }
        }
        if (best.group == null) {
            return switch (fallback) {
                case FASTEST -> fastest(queue, row);
                case CHEAPEST -> cheapest(queue, row);
                case REJECT -> Selection.rejected(queue, frontVersion);
            };
        }
        Candidate winner = best.group.members[best.index];
        int winnerGroup = best.group.groupIds[best.index];
        if (winnerGroup != current && currentBest != null
                && currentBest.energy[currentIndex] <= best.energy * (1 + keepMargin)) {
            return selection(currentBest.members[currentIndex], current, queue, row, SelectionReason.KEPT_CURRENT_KNOBS);
        }
        return selection(winner, winnerGroup, queue, row, SelectionReason.MET_THRESHOLD);
    }

    /** Lowest latency bound; then lower energy; then higher accuracy. */
    private Selection fastest(double queue, ReconfigurationTable.CostRow row) {
        int bestGroup = -1;
        double bestBound = Double.POSITIVE_INFINITY;
        double bestEnergy = Double.POSITIVE_INFINITY;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < groups.length; g++) {
            Group group = groups[g];
            if (group.bound.length == 0) {
                continue;
            }
            double bound = group.bound[0] + row.ms()[g] + queueFor(g, queue);
            double energy = group.energy[0] + row.joules()[g];
            if (bound < bestBound || (bound == bestBound && (energy < bestEnergy
                    || (energy == bestEnergy && group.accuracy[0] > bestAccuracy)))) {
                bestGroup = g;
                bestBound = bound;
                bestEnergy = energy;
                bestAccuracy = group.accuracy[0];
            }
        }
        return selection(groups[bestGroup].members[0], bestGroup, queue, row, SelectionReason.FALLBACK_FASTEST);
    }

    private Selection cheapest(double queue, ReconfigurationTable.CostRow row) {
        Best best = new Best();
        for (int g = 0; g < groups.length; g++) {
            best.consider(groups[g], Double.POSITIVE_INFINITY, row.ms()[g], row.joules()[g]);
        }
        return selection(best.group.members[best.index], best.group.groupIds[best.index], queue, row,
                SelectionReason.FALLBACK_CHEAPEST);
    }

    /** The figures of {@code c} as run from the row's knobs: exact switching cost of its group. */
    private Selection selection(Candidate c, int group, double deviceQueue, ReconfigurationTable.CostRow row,
                                SelectionReason reason) {
        double queue = queueFor(group, deviceQueue);
        double reconfigurationMs = row.ms()[group];
        double reconfigurationJ = row.joules()[group];
        return new Selection(c.entry(), queue + reconfigurationMs + c.expectedLatencyMs(),
                queue + reconfigurationMs + c.latencyBoundMs(), c.energyJ() + reconfigurationJ, queue,
                reconfigurationMs, reconfigurationJ, c.latencyFactor(), c.energyFactor(), reason, frontVersion);
    }

    /** The wait of an entry of {@code group} on a device with {@code queue} ms of heads queued: none for layer 0. */
    private double queueFor(int group, double queue) {
        return group == table.unchangedGroup() ? 0 : queue;
    }

    /** Lower energy; then higher accuracy; then lower latency bound. */
    static boolean better(double energy, double accuracy, double bound,
                          double otherEnergy, double otherAccuracy, double otherBound) {
        if (energy != otherEnergy) {
            return energy < otherEnergy;
        }
        if (accuracy != otherAccuracy) {
            return accuracy > otherAccuracy;
        }
        return bound < otherBound;
    }

    /** The best found so far over several lookups, each charged its own switching cost. */
    private static final class Best {
        Group group;
        int index = -1;
        double energy = Double.POSITIVE_INFINITY;
        double accuracy = Double.NEGATIVE_INFINITY;
        double bound = Double.POSITIVE_INFINITY;

        void consider(Group g, double budget, double switchMs, double switchJ) {
            int i = g.bestWithin(budget - switchMs);
            if (i < 0) {
                return;
            }
            double e = g.energy[i] + switchJ;
            double b = g.bound[i] + switchMs;
            if (better(e, g.accuracy[i], b, energy, accuracy, bound)) {
                group = g;
                index = i;
                energy = e;
                accuracy = g.accuracy[i];
                bound = b;
            }
        }
    }

    /** Entries sorted by latency bound; {@code best[i]} = best member among the first i + 1. */
    private static final class Group {
        final Candidate[] members;
        final int[] groupIds;
        final double[] bound;
        final double[] energy;
        final double[] accuracy;
        final int[] best;
        /** Lowest energy of any member (+inf when empty): lets a query skip the group. */
        final double cheapest;

        private Group(Candidate[] members, int[] groupIds) {
            this.members = members;
            this.groupIds = groupIds;
            int n = members.length;
            bound = new double[n];
            energy = new double[n];
            accuracy = new double[n];
            best = new int[n];
            for (int i = 0; i < n; i++) {
                bound[i] = members[i].latencyBoundMs();
                energy[i] = members[i].energyJ();
                accuracy[i] = members[i].rankAccuracy();
                int previous = i == 0 ? -1 : best[i - 1];
                best[i] = previous >= 0 && !better(energy[i], accuracy[i], bound[i],
                        energy[previous], accuracy[previous], bound[previous]) ? previous : i;
            }
            cheapest = n == 0 ? Double.POSITIVE_INFINITY : energy[best[n - 1]];
        }

        static Group of(List<Candidate> candidates, int[] groupOf, IntPredicate include) {
            Integer[] order = IntStream.range(0, candidates.size()).filter(include).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> candidates.get(i).latencyBoundMs())
                    .thenComparingDouble(i -> candidates.get(i).energyJ())
                    .thenComparing(Comparator.<Integer>comparingDouble(i -> candidates.get(i).rankAccuracy()).reversed())
                    .thenComparing(i -> candidates.get(i).config().label()));
            Candidate[] members = new Candidate[order.length];
            int[] ids = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                members[k] = candidates.get(order[k]);
                ids[k] = groupOf[order[k]];
            }
            return new Group(members, ids);
        }

        /** The best member whose bound is <= limit, or -1 (also for a NaN limit). */
        int bestWithin(double limit) {
            if (bound.length == 0 || !(limit >= bound[0])) {
                return -1;
            }
            int lo = 0;
            int hi = bound.length - 1;
            while (lo < hi) {
                // invariant: bound[lo] <= limit; find the last such index
                int mid = (lo + hi + 1) >>> 1;
                if (bound[mid] <= limit) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return best[lo];
        }
    }

}
