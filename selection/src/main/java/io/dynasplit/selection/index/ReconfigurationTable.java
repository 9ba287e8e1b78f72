package io.dynasplit.selection.index;

import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.ReconfigurationCost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The knob groups of one front and what it costs to switch between them, computed once per front (feedback rebuilds
 * reuse it). A row gives, for the device's current knobs, the time and energy to switch to each group.
 */
public final class ReconfigurationTable {
    private final Knobs[] knobs;
    private final int[] keys;
    private final SplitConfig[] representatives;
    private final CostRow[] rowsFromGroup;
    private final CostRow unknownRow;
    private final Map<Knobs, CostRow> foreignRows = new ConcurrentHashMap<>();
    private final ReconfigurationCost cost;
    private final double watts;

    /**
     * @param watts edge power while it reconfigures (W): turns reconfiguration time into energy; 0 to ignore
     */
    public static ReconfigurationTable of(List<ParetoEntry> entries, ReconfigurationCost cost, double watts) {
        Map<Knobs, SplitConfig> groups = new LinkedHashMap<>();
        for (ParetoEntry e : entries) {
            groups.putIfAbsent(Knobs.of(e.config()), e.config());
        }
        return new ReconfigurationTable(new ArrayList<>(groups.values()), cost, watts);
    }

    private ReconfigurationTable(List<SplitConfig> reps, ReconfigurationCost cost, double watts) {
        if (watts < 0) {
            throw new IllegalArgumentException("reconfiguration watts must be >= 0");
        }
        this.cost = cost;
        this.watts = watts;
        int n = reps.size();
        this.representatives = reps.toArray(SplitConfig[]::new);
        this.knobs = new Knobs[n];
        this.keys = new int[n];
        for (int g = 0; g < n; g++) {
            knobs[g] = Knobs.of(representatives[g]);
            keys[g] = key(representatives[g]);
        }
        this.rowsFromGroup = new CostRow[n];
        for (int g = 0; g < n; g++) {
            rowsFromGroup[g] = computeRow(representatives[g], g);
        }
        this.unknownRow = computeRow(null, -1);
    }

    public int groups() {
        return knobs.length;
    }

    public Knobs knobs(int group) {
        return knobs[group];
    }

    /** The group with these knobs, or -1. */
    public int groupOf(SplitConfig config) {
        int key = key(config);
        for (int g = 0; g < keys.length; g++) {
            if (keys[g] == key) {
                return g;
            }
        }
        return -1;
    }

    CostRow rowFor(SplitConfig current) {
        if (current == null) {
            return unknownRow;
        }
        int g = groupOf(current);
        if (g >= 0) {
            return rowsFromGroup[g];
        }
        // knobs no entry of this front uses (another model's configuration, an older front): cost only by knobs
        return foreignRows.computeIfAbsent(Knobs.of(current), k -> computeRow(current, -1));
    }

    private CostRow computeRow(SplitConfig from, int fromGroup) {
        int n = representatives.length;
        double[] ms = new double[n];
        double[] joules = new double[n];
        for (int g = 0; g < n; g++) {
            double t = g == fromGroup ? 0.0 : cost.ms(from, representatives[g]);
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalStateException("reconfiguration cost from " + from + " to " + knobs[g]
                        + " is " + t + " ms; it must be finite and >= 0");
            }
            ms[g] = t;
            joules[g] = t * watts / 1000.0;
        }
        return new CostRow(ms, joules, fromGroup);
    }

    private static int key(SplitConfig c) {
        return c.cpuMhz() * 4 + c.edgeAccelerator().ordinal();
    }

    /** Per group: ms and J to switch to it from one set of knobs; {@code currentGroup} is the group of those knobs. */
    record CostRow(double[] ms, double[] joules, int currentGroup) {
    }
}
