package io.dynasplit.selection.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Immutable query structure over a corrected front: "lowest energy whose latency bound fits the threshold (tie:
 * higher accuracy, then lower latency), else the fallback".
 *
 * <p>Entries are grouped by edge knobs. Within a group the reconfiguration cost from the device's current knobs is
 * one constant, so each group is sorted by latency bound with a running minimum of energy, and one binary search per
 * group answers the query: O(G log(n/G)) for G knob groups (at most 21 on the paper's edge), no allocation but
 * the result. Queueing shifts the threshold of every group alike.
 */
public final class SelectionIndex {
    private final ReconfigurationTable table;
    private final Group[] groups;
    private final FallbackPolicy fallback;
    private final double keepMargin;
    private final long frontVersion;
    private final int size;

    private SelectionIndex(ReconfigurationTable table, Group[] groups, FallbackPolicy fallback, double keepMargin,
                           long frontVersion, int size) {
        this.table = table;
        this.groups = groups;
        this.fallback = fallback;
        this.keepMargin = keepMargin;
        this.frontVersion = frontVersion;
        this.size = size;
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
        List<List<Candidate>> byGroup = new ArrayList<>();
        for (int g = 0; g < table.groups(); g++) {
            byGroup.add(new ArrayList<>());
        }
        for (Candidate c : candidates) {
            int g = table.groupOf(c.config());
            if (g < 0) {
                throw new IllegalArgumentException("no knob group for " + c.config().label());
            }
            byGroup.get(g).add(c);
        }
        Group[] groups = new Group[table.groups()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = Group.of(byGroup.get(g));
        }
        return new SelectionIndex(table, groups, fallback, keepMargin, frontVersion, candidates.size());
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

    public Selection select(double thresholdMs, DeviceState device) {
        double queue = device == null ? 0.0 : device.queuedMs();
        ReconfigurationTable.CostRow row = table.rowFor(device == null ? null : device.currentConfig());
        double budget = thresholdMs - queue;
        int bestGroup = -1;
        int bestIndex = -1;
        double bestEnergy = Double.POSITIVE_INFINITY;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        double bestBound = Double.POSITIVE_INFINITY;
        int currentIndex = -1;
        for (int g = 0; g < groups.length; g++) {
            Group group = groups[g];
            int pos = group.lastWithin(budget - row.ms()[g]);
            if (pos < 0) {
                continue;
            }
            int i = group.best[pos];
            if (g == row.currentGroup()) {
                currentIndex = i;
            }
            double energy = group.energy[i] + row.joules()[g];
            double accuracy = group.accuracy[i];
            double bound = group.bound[i] + row.ms()[g];
            if (better(energy, accuracy, bound, bestEnergy, bestAccuracy, bestBound)) {
                bestGroup = g;
                bestIndex = i;
                bestEnergy = energy;
                bestAccuracy = accuracy;
                bestBound = bound;
            }
        }
        if (bestGroup >= 0) {
            int current = row.currentGroup();
            if (current >= 0 && current != bestGroup && currentIndex >= 0
                    && groups[current].energy[currentIndex] <= bestEnergy * (1 + keepMargin)) {
                return selection(current, currentIndex, queue, row, SelectionReason.KEPT_CURRENT_KNOBS);
            }
            return selection(bestGroup, bestIndex, queue, row, SelectionReason.MET_THRESHOLD);
        }
        return switch (fallback) {
            case FASTEST -> fastest(queue, row);
            case CHEAPEST -> cheapest(queue, row);
            case REJECT -> Selection.rejected(queue, frontVersion);
        };
    }

    private Selection fastest(double queue, ReconfigurationTable.CostRow row) {
        int bestGroup = -1;
        double bestBound = Double.POSITIVE_INFINITY;
        double bestEnergy = Double.POSITIVE_INFINITY;
        for (int g = 0; g < groups.length; g++) {
            if (groups[g].bound.length == 0) {
                continue;
            }
            double bound = groups[g].bound[0] + row.ms()[g];
            double energy = groups[g].energy[0] + row.joules()[g];
            if (bound < bestBound || (bound == bestBound && energy < bestEnergy)) {
                bestGroup = g;
                bestBound = bound;
                bestEnergy = energy;
            }
        }
        return selection(bestGroup, 0, queue, row, SelectionReason.FALLBACK_FASTEST);
    }

    private Selection cheapest(double queue, ReconfigurationTable.CostRow row) {
        int bestGroup = -1;
        int bestIndex = -1;
        double bestEnergy = Double.POSITIVE_INFINITY;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        double bestBound = Double.POSITIVE_INFINITY;
        for (int g = 0; g < groups.length; g++) {
            Group group = groups[g];
            if (group.bound.length == 0) {
                continue;
            }
            int i = group.best[group.best.length - 1];
            double energy = group.energy[i] + row.joules()[g];
            double bound = group.bound[i] + row.ms()[g];
            if (better(energy, group.accuracy[i], bound, bestEnergy, bestAccuracy, bestBound)) {
                bestGroup = g;
                bestIndex = i;
                bestEnergy = energy;
                bestAccuracy = group.accuracy[i];
                bestBound = bound;
            }
        }
        return selection(bestGroup, bestIndex, queue, row, SelectionReason.FALLBACK_CHEAPEST);
    }

    private Selection selection(int g, int i, double queue, ReconfigurationTable.CostRow row, SelectionReason reason) {
        Candidate c = groups[g].members[i];
        double reconfigurationMs = row.ms()[g];
        double reconfigurationJ = row.joules()[g];
        return new Selection(c.entry(), queue + reconfigurationMs + c.expectedLatencyMs(),
                queue + reconfigurationMs + c.latencyBoundMs(), c.energyJ() + reconfigurationJ, queue,
                reconfigurationMs, reconfigurationJ, c.latencyFactor(), c.energyFactor(), reason, frontVersion);
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

    /** One knob group: members sorted by latency bound, {@code best[i]} = best member among the first i + 1. */
    private static final class Group {
        final Candidate[] members;
        final double[] bound;
        final double[] energy;
        final double[] accuracy;
        final int[] best;

        private Group(Candidate[] members) {
            this.members = members;
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
        }

        static Group of(List<Candidate> candidates) {
            Candidate[] sorted = candidates.toArray(Candidate[]::new);
            Arrays.sort(sorted, Comparator.comparingDouble(Candidate::latencyBoundMs)
                    .thenComparingDouble(Candidate::energyJ)
                    .thenComparing(Comparator.comparingDouble(Candidate::rankAccuracy).reversed())
                    .thenComparing(c -> c.config().label()));
            return new Group(sorted);
        }

        /** Index of the last member whose bound is <= limit, or -1 (also for a NaN limit). */
        int lastWithin(double limit) {
            int lo = 0;
            int hi = bound.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (bound[mid] <= limit) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }
}
