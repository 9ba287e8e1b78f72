package io.dynasplit.selection;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.correction.Correction;
import io.dynasplit.selection.correction.Feedback;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.index.Candidate;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.index.FallbackPolicy;
import io.dynasplit.selection.index.ReconfigurationTable;
import io.dynasplit.selection.index.Selection;
import io.dynasplit.selection.index.SelectionIndex;
import io.dynasplit.testbed.TestbedModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Online selection for one Pareto front (one model on one edge device class), with the runtime corrections.
 *
 * <p>Thread-safety: {@link #select} is lock-free and may be called from any number of threads (it reads the current
 * immutable {@link SelectionIndex}); {@link #observe} and {@link #replaceFront} serialise on the selector, update the
 * feedback and publish a rebuilt index (copy-on-write) when a correction moved enough to matter.
 */
public final class Selector {
    /** Relative energy within which a device keeps its current knobs, unless configured otherwise. */
    public static final double DEFAULT_KEEP_MARGIN = 0.02;
    private final FallbackPolicy fallback;
    private final ReconfigurationCost reconfiguration;
    private final double reconfigurationWatts;
    private final double keepMargin;
    private final Feedback feedback;
    private volatile Snapshot snapshot;
    private long rebuilds;

    private Selector(Builder b) {
        this.fallback = b.fallback;
        this.reconfiguration = b.reconfiguration;
        this.reconfigurationWatts = b.reconfigurationWatts;
        this.keepMargin = b.keepMargin;
        this.feedback = new Feedback(b.feedback);
        this.snapshot = snapshotOf(b.front, ReconfigurationTable.of(checked(b.front), reconfiguration,
                reconfigurationWatts));
    }

    public static Builder builder(ParetoFront front) {
        return new Builder(front);
    }

    /**
     * Chooses the configuration for a request with latency threshold {@code thresholdMs} on a device in state
     * {@code device} (null: unknown knobs, nothing queued). O(G log n); never blocks.
     */
    public Selection select(double thresholdMs, DeviceState device) {
        return snapshot.index.select(thresholdMs, device);
    }

    /**
     * Feeds back one finished run of {@code config}: its latency without queueing and reconfiguration (edge +
     * transfer + cloud) and its energy without the reconfiguration's (NaN: unknown, the latency alone is learnt).
     * Returns false when the configuration is not in the current front or the latency is unusable (then nothing
     * changes).
     */
    public boolean observe(SplitConfig config, double observedLatencyMs, double observedEnergyJ) {
        synchronized (this) {
            Snapshot s = snapshot;
            ParetoEntry entry = s.entries.get(config);
            if (entry == null || !feedback.observe(entry, observedLatencyMs, observedEnergyJ)) {
                return false;
            }
            Candidate before = s.candidates.get(config);
            Candidate after = feedback.apply(entry);
            double tolerance = feedback.settings().rebuildTolerance();
            if (relativeChange(before.latencyBoundMs(), after.latencyBoundMs()) > tolerance
                    || relativeChange(before.energyJ(), after.energyJ()) > tolerance) {
                snapshot = snapshotOf(s.front, s.table);
            }
            return true;
        }
    }

    /**
     * Feeds back one result as the pipeline reports it: latency without queueing and reconfiguration (edge + transfer
     * + cloud), and energy only when the run did not switch knobs. A switching run's energy holds the switch's too
     * (the board charges it to the request that needed it); taken as the configuration's, it made every
     * configuration look dearer right after the switch to it, and the next request switch again, to a configuration
     * not yet observed: the knobs walked from one edge-only configuration to the next, more switches each run, and
     * the energy saved depended on where the walk stopped. The switch is predicted separately, as its time is.
     * Returns false when nothing was learnt (not ok, no configuration, not in the front, unusable figures).
     */
    public boolean observe(InferenceResult result) {
        if (result.status() != ResultStatus.OK || result.config() == null || result.latency() == null) {
            return false;
        }
        LatencyBreakdown l = result.latency();
        double energy = result.energy() == null || l.reconfigurationMs() > 0 ? Double.NaN : result.energy().totalJ();
        return observe(result.config(), l.edgeMs() + l.transferMs() + l.cloudMs(), energy);
    }

    /**
     * Replaces the front (a newer Pareto store version); feedback on configurations still in it is kept, re-expressed
     * against their new figures where those changed ({@link Feedback#rebase}: a re-profiled configuration is not
     * corrected twice for the same drift).
     */
    public void replaceFront(ParetoFront front) {
        synchronized (this) {
            Map<SplitConfig, ParetoEntry> old = snapshot.entries;
            for (ParetoEntry e : checked(front)) {
                ParetoEntry before = old.get(e.config());
                if (before != null && (before.latencyMs() != e.latencyMs() || before.energyJ() != e.energyJ())) {
                    feedback.rebase(e.config(), before.latencyMs() / e.latencyMs(), before.energyJ() / e.energyJ());
                }
            }
            snapshot = snapshotOf(front, ReconfigurationTable.of(checked(front), reconfiguration, reconfigurationWatts));
        }
    }

    public ParetoFront front() {
        return snapshot.front;
    }

    public SelectionIndex index() {
        return snapshot.index;
    }

    public FallbackPolicy fallbackPolicy() {
        return fallback;
    }

    /** The correction feedback applies to {@code config} now. */
    public Correction correction(SplitConfig config) {
        synchronized (this) {
            return feedback.correction(config);
        }
    }

    /** How many times the index was built (front changes and feedback). */
    public synchronized long rebuilds() {
        return rebuilds;
    }

    private Snapshot snapshotOf(ParetoFront front, ReconfigurationTable table) {
        Map<SplitConfig, ParetoEntry> entries = new HashMap<>();
        Map<SplitConfig, Candidate> candidates = new HashMap<>();
        for (ParetoEntry e : front.entries()) {
            entries.put(e.config(), e);
            candidates.put(e.config(), feedback.apply(e));
        }
        SelectionIndex index = SelectionIndex.build(table, List.copyOf(candidates.values()), fallback, keepMargin,
                front.version());
        rebuilds++;
        return new Snapshot(front, table, index, Map.copyOf(entries), Map.copyOf(candidates));
    }

    private static List<ParetoEntry> checked(ParetoFront front) {
        Objects.requireNonNull(front, "front");
        if (front.entries().isEmpty()) {
            throw new IllegalArgumentException("front " + front.key() + " has no entries");
        }
        Map<SplitConfig, ParetoEntry> seen = new HashMap<>();
        for (ParetoEntry e : front.entries()) {
            if (!(e.latencyMs() > 0) || Double.isInfinite(e.latencyMs()) || !(e.energyJ() >= 0)
                    || Double.isInfinite(e.energyJ())) {
                throw new IllegalArgumentException("front " + front.key() + ": entry " + e.config().label()
                        + " needs a finite latency > 0 and energy >= 0, got " + e.latencyMs() + " ms, " + e.energyJ() + " J");
            }
            if (seen.put(e.config(), e) != null) {
                throw new IllegalArgumentException("front " + front.key() + " lists " + e.config().label() + " twice");
            }
        }
        return front.entries();
    }

    private static double relativeChange(double before, double after) {
        if (before == after) {
            return 0;
        }
        return Math.abs(after - before) / Math.max(Math.abs(before), 1e-12);
    }

    private record Snapshot(ParetoFront front, ReconfigurationTable table, SelectionIndex index,
                            Map<SplitConfig, ParetoEntry> entries, Map<SplitConfig, Candidate> candidates) {
    }

    /** Settings; defaults: fallback fastest, no reconfiguration cost, feedback on, 2% keep margin. */
    public static final class Builder {
        private final ParetoFront front;
        private FallbackPolicy fallback = FallbackPolicy.FASTEST;
        private ReconfigurationCost reconfiguration = ReconfigurationCost.none();
        private double reconfigurationWatts;
        private double keepMargin = DEFAULT_KEEP_MARGIN;
        private FeedbackSettings feedback = FeedbackSettings.defaults();

        private Builder(ParetoFront front) {
            this.front = Objects.requireNonNull(front, "front");
        }

        public Builder fallback(FallbackPolicy policy) {
            this.fallback = Objects.requireNonNull(policy);
            return this;
        }

        /** Switching cost, and the edge power (W) while switching, which turns it into energy. */
        public Builder reconfiguration(ReconfigurationCost cost, double watts) {
            this.reconfiguration = Objects.requireNonNull(cost);
            this.reconfigurationWatts = watts;
            return this;
        }

        /** Switching cost and power from an (emulated) testbed: its reconfiguration time and idle power. */
        public Builder reconfiguration(TestbedModel testbed) {
            return reconfiguration(ReconfigurationCost.of(testbed), testbed.edgeIdleWatts());
        }

        /** Keep the device's current knobs when they meet the threshold within this relative energy of the best. */
        public Builder keepMargin(double fraction) {
            this.keepMargin = fraction;
            return this;
        }

        public Builder feedback(FeedbackSettings settings) {
            this.feedback = Objects.requireNonNull(settings);
            return this;
        }

        public Selector build() {
            return new Selector(this);
        }
    }
}
