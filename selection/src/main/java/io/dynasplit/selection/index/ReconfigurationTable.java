package io.dynasplit.selection.index;

import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.ReconfigurationCost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The knob groups of one front and what it costs to switch between them, computed once per front (feedback rebuilds
 * reuse it). A row gives, for the device's current knobs, the time and energy to switch to each group. Layer-0 entries
 * form their own group ({@link Knobs#NONE}, see {@link #unchangedGroup}): they set no knobs, so reaching them is
 * free from any knobs, and running them leaves the device's knobs (and so its row) as they were.
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
    private final int[] cpuSlots;
    private final int cpuCount;
    private final ClassCosts classCosts;
    private final int unchangedGroup;

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
        this.unchangedGroup = IntStream.range(0, n).filter(g -> !knobs[g].setsEdgeKnobs()).findFirst().orElse(-1);
        this.unknownRow = computeRow(null, -1);
        this.rowsFromGroup = new CostRow[n];
        for (int g = 0; g < n; g++) {
            // a device is never "in" the layer-0 group: its knobs are whatever ran before (unknown here)
            rowsFromGroup[g] = g == unchangedGroup ? unknownRow : computeRow(representatives[g], g);
        }
        int[] distinctCpus = java.util.Arrays.stream(knobs).mapToInt(Knobs::cpuMhz).distinct().sorted().toArray();
        this.cpuCount = distinctCpus.length;
        this.cpuSlots = new int[n];
        for (int g = 0; g < n; g++) {
            cpuSlots[g] = java.util.Arrays.binarySearch(distinctCpus, knobs[g].cpuMhz());
        }
        this.classCosts = ClassCosts.detect(knobs, rowsFromGroup, watts);
    }

    /** The group of the layer-0 entries (free to reach from any knobs), or -1 when the front has none. */
    int unchangedGroup() {
        return unchangedGroup;
    }

    /**
     * Switching costs that depend only on which knobs change (the CPU frequency, the accelerator mode, or both), with
     * changing both costing at least as much as either: then a query needs four lookups whatever the number of
     * groups (see {@link SelectionIndex}). Null when the costs depend on the knobs' values.
     */
    ClassCosts classCosts() {
        return classCosts;
    }

    int cpuSlot(int group) {
        return cpuSlots[group];
    }

    int cpuCount() {
        return cpuCount;
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
        if (current == null || !current.setsEdgeKnobs()) {
            return unknownRow; // a layer-0 configuration says nothing about the knobs
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
            double t = g == fromGroup || !knobs[g].setsEdgeKnobs() ? 0.0 : cost.ms(from, representatives[g]);
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
        return c.setsEdgeKnobs() ? c.cpuMhz() * 4 + c.edgeAccelerator().ordinal() : -1;
    }

    /**
     * Switching time per kind of change: CPU frequency only, accelerator mode only, and the most any change costs
     * (the penalty of a lookup over every entry). Energies are the times at the table's power. The layer-0 group costs
     * nothing to reach and is left out: a query looks it up on its own at no cost.
     */
    record ClassCosts(double cpuOnlyMs, double acceleratorOnlyMs, double anyMs, double cpuOnlyJ,
                      double acceleratorOnlyJ, double anyJ) {

        static ClassCosts detect(Knobs[] knobs, CostRow[] rows, double watts) {
            double[] byKind = {Double.NaN, Double.NaN, Double.NaN}; // cpu only, accelerator only, both
            for (int a = 0; a < knobs.length; a++) {
                for (int b = 0; b < knobs.length; b++) {
                    if (a == b || !knobs[a].setsEdgeKnobs() || !knobs[b].setsEdgeKnobs()) {
                        continue;
                    }
                    boolean cpu = knobs[a].cpuMhz() != knobs[b].cpuMhz();
                    boolean accelerator = knobs[a].accelerator() != knobs[b].accelerator();
                    int kind = cpu && accelerator ? 2 : cpu ? 0 : 1;
                    double ms = rows[a].ms()[b];
                    if (Double.isNaN(byKind[kind])) {
                        byKind[kind] = ms;
                    } else if (byKind[kind] != ms) {
                        return null;
                    }
                }
            }
            double cpuOnly = Double.isNaN(byKind[0]) ? 0 : byKind[0];
            double acceleratorOnly = Double.isNaN(byKind[1]) ? 0 : byKind[1];
            double any = Math.max(Math.max(cpuOnly, acceleratorOnly), Double.isNaN(byKind[2]) ? 0 : byKind[2]);
            if (!Double.isNaN(byKind[2]) && byKind[2] < any) {
                return null; // changing both would be cheaper than changing one: not monotone
            }
            return new ClassCosts(cpuOnly, acceleratorOnly, any, cpuOnly * watts / 1000.0,
                    acceleratorOnly * watts / 1000.0, any * watts / 1000.0);
        }
    }

    /** Per group: ms and J to switch to it from one set of knobs; {@code currentGroup} is the group of those knobs. */
    record CostRow(double[] ms, double[] joules, int currentGroup) {
    }
}
