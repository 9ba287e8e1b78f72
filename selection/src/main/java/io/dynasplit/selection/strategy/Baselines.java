package io.dynasplit.selection.strategy;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.front.ProfiledSpace;
import io.dynasplit.selection.outcome.OutcomeSource;
import io.dynasplit.selection.outcome.ReconfigurationAccounting;
import io.dynasplit.testbed.Prediction;

import java.util.Comparator;
import java.util.List;

/** DynaSplit and the strategies the paper compares it with, plus an oracle and a Neurosurgeon-style split. */
public final class Baselines {
    public static final String DYNASPLIT = "dynasplit";
    public static final String CLOUD_ONLY = "cloud-only";
    public static final String EDGE_ONLY = "edge-only";
    public static final String ENERGY_STATIC = "energy-static";
    public static final String LATENCY_STATIC = "latency-static";
    public static final String NEUROSURGEON = "neurosurgeon";
    public static final String ORACLE = "oracle";

    private Baselines() {
    }

    /**
     * DynaSplit, then cloud-only, edge-only, energy-static, latency-static, neurosurgeon and the oracle, which chooses
     * with {@code oracleKnows} (what it knows of every configuration's run and switching time).
     */
    public static List<Strategy> all(ProfiledSpace space, ParetoFront front, Selector selector, OutcomeSource oracleKnows,
                                     ReconfigurationAccounting oracleSwitching) {
        return List.of(new SelectorStrategy(DYNASPLIT, selector), cloudOnly(space), edgeOnly(space),
                energyStatic(front), latencyStatic(front), neurosurgeon(space),
                oracle(space, oracleKnows, oracleSwitching));
    }

    /** The paper's cloud baseline: top CPU frequency, layer 0 (the raw input goes to the cloud), cloud GPU. */
    public static Strategy cloudOnly(ProfiledSpace space) {
        ModelDescriptor m = space.model();
        SplitConfig c = new SplitConfig(m.name(), 0, space.topFrequencyMhz(), AcceleratorMode.OFF, true);
        return new FixedStrategy(CLOUD_ONLY, m.requireValid(c), "whole network in the cloud on GPU");
    }

    /** The paper's edge baseline: top CPU frequency, the whole network on the edge, accelerator at max when possible. */
    public static Strategy edgeOnly(ProfiledSpace space) {
        ModelDescriptor m = space.model();
        AcceleratorMode mode = m.acceleratorCapable() ? AcceleratorMode.MAX : AcceleratorMode.OFF;
        SplitConfig c = new SplitConfig(m.name(), m.lastLayer(), space.topFrequencyMhz(), mode, false);
        return new FixedStrategy(EDGE_ONLY, m.requireValid(c), "whole network on the edge");
    }

    /** The front's lowest-energy member (tie: higher accuracy), for every request. */
    public static Strategy energyStatic(ParetoFront front) {
        ParetoEntry e = front.entries().stream()
                .min(Comparator.comparingDouble(ParetoEntry::energyJ)
                        .thenComparing(Comparator.comparingDouble(Baselines::rankAccuracy).reversed()))
                .orElseThrow(() -> new IllegalArgumentException("empty front"));
        return new FixedStrategy(ENERGY_STATIC, e.config(), "lowest-energy front member");
    }

    /** The front's lowest-latency member (tie: lower energy), for every request. */
    public static Strategy latencyStatic(ParetoFront front) {
        ParetoEntry e = front.entries().stream()
                .min(Comparator.comparingDouble(ParetoEntry::latencyMs).thenComparingDouble(ParetoEntry::energyJ))
                .orElseThrow(() -> new IllegalArgumentException("empty front"));
        return new FixedStrategy(LATENCY_STATIC, e.config(), "lowest-latency front member");
    }

    /**
     * Neurosurgeon-style: the split (layer, accelerator mode, cloud GPU) with the lowest predicted latency at the top
     * CPU frequency, whatever it costs in energy. Static, since the predictions are.
     */
    public static Strategy neurosurgeon(ProfiledSpace space) {
        int top = space.topFrequencyMhz();
        Prediction best = space.predictions().stream()
                .filter(p -> p.config().cpuMhz() == top)
                .min(Comparator.comparingDouble(Prediction::latencyMs).thenComparingDouble(Prediction::energyJ))
                .orElseThrow();
        return new FixedStrategy(NEUROSURGEON, best.config(), "latency-optimal split at the top CPU frequency");
    }

    public static Strategy oracle(ProfiledSpace space, OutcomeSource outcomes, ReconfigurationAccounting reconfiguration) {
        return new OracleStrategy(ORACLE, space.configs(), outcomes, reconfiguration);
    }

    private static double rankAccuracy(ParetoEntry e) {
        return Double.isNaN(e.accuracy()) ? Double.NEGATIVE_INFINITY : e.accuracy();
    }
}
