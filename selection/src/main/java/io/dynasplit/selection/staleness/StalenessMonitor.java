package io.dynasplit.selection.staleness;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.MeasuredSpread;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.contracts.ReprofileRequest.DriftEvidence;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.statistics.Quantiles;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches finished runs against the front they were chosen from and says, once per front version, when that front
 * is stale ({@link StalenessCriterion}; an entry measured with its spread is judged against a limit that spread
 * widens): the answer is the {@link ReprofileRequest} to publish on
 * {@link io.dynasplit.contracts.Topics#REPROFILE}. Evidence is kept per front version: a newer version (the
 * re-profiled front) starts afresh, since its figures are what the runs are judged against from then on.
 *
 * <p>The scheduler's hook, beside its feedback call for each result:
 * <pre>{@code
 * selector.observe(config, latencyMs, energyJ);
 * monitor.observe(selector.front(), result).ifPresent(reprofilePublisher::send);
 * }</pre>
 *
 * <p>Thread-safe: observations of different fronts do not contend; those of one front serialise on it.
 */
public final class StalenessMonitor {
    private final StalenessCriterion criterion;
    private final String source;
    private final Clock clock;
    private final Map<String, FrontEvidence> fronts = new ConcurrentHashMap<>();

    /** @param source who asks, the request's {@code source}, e.g. {@code /dynasplit/scheduler} */
    public StalenessMonitor(StalenessCriterion criterion, String source, Clock clock) {
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.source = source;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public StalenessMonitor(StalenessCriterion criterion, String source) {
        this(criterion, source, Clock.systemUTC());
    }

    public StalenessCriterion criterion() {
        return criterion;
    }

    /**
     * One result of the pipeline, judged against {@code front}, the front its configuration was chosen from (the
     * selector's current one). Counts only results with status ok and a configuration: latency is edge + transfer +
     * cloud (what the profile predicts; queueing and switching are not the configuration's), energy the total, as the
     * scheduler's feedback takes them, but only from results without a knob switch (whose energy is the switch's too).
     * Returns the request to publish when this result makes the front stale.
     */
    public Optional<ReprofileRequest> observe(ParetoFront front, InferenceResult result) {
        if (result.status() != ResultStatus.OK || result.config() == null || result.latency() == null
                || result.energy() == null) {
            return Optional.empty();
        }
        // a run that switched knobs carries the switch's energy too: its energy says nothing about the configuration
        double energy = result.latency().reconfigurationMs() > 0 ? Double.NaN : result.energy().totalJ();
        return observe(front, result.config(),
                result.latency().edgeMs() + result.latency().transferMs() + result.latency().cloudMs(), energy);
    }

    /**
     * One finished run of {@code config}, chosen from {@code front}: latency without queueing and reconfiguration,
     * energy as observed (NaN: unknown, latency alone is judged). A configuration not in the front, a front older
     * than one already seen for its key, and unusable latencies are ignored.
     */
    public Optional<ReprofileRequest> observe(ParetoFront front, SplitConfig config, double latencyMs, double energyJ) {
        FrontEvidence evidence = fronts.computeIfAbsent(front.key(), k -> new FrontEvidence());
        synchronized (evidence) {
            return evidence.observe(front, config, latencyMs, energyJ);
        }
    }

    /** Results counted on the front version now held for {@code key} ({@link ParetoFront#key}). */
    public long observations(String key) {
        FrontEvidence evidence = fronts.get(key);
        if (evidence == null) {
            return 0;
        }
        synchronized (evidence) {
            return evidence.observations;
        }
    }

    /** The evidence gathered on one front version. */
    private final class FrontEvidence {
        private long version = Long.MIN_VALUE;
        private Map<SplitConfig, ParetoEntry> entries = Map.of();
        private final Map<SplitConfig, Runs> runs = new HashMap<>();
        private long observations;
        /** Observations when this version was last called stale; -1: not yet. */
        private long signalledAt = -1;

        Optional<ReprofileRequest> observe(ParetoFront front, SplitConfig config, double latencyMs, double energyJ) {
            if (front.version() < version) {
                return Optional.empty(); // a result judged against a front already replaced
            }
            if (front.version() > version) {
                version = front.version();
                entries = new HashMap<>();
                front.entries().forEach(e -> entries.put(e.config(), e));
                runs.clear();
                observations = 0;
                signalledAt = -1;
            }
            ParetoEntry profiled = entries.get(config);
            if (profiled == null || !(latencyMs > 0) || !Double.isFinite(latencyMs) || !(profiled.latencyMs() > 0)) {
                return Optional.empty();
            }
            double energyRatio = profiled.energyJ() > 0 && energyJ >= 0 && Double.isFinite(energyJ)
                    ? energyJ / profiled.energyJ() : Double.NaN;
            runs.computeIfAbsent(config, c -> new Runs(profiled.spread())).add(latencyMs / profiled.latencyMs(),
                    energyRatio, criterion.runs());
            observations++;
            boolean armed = signalledAt < 0
                    || criterion.retryAfterObservations() > 0
                    && observations - signalledAt >= criterion.retryAfterObservations();
            if (!armed) {
                return Optional.empty();
            }
            List<DriftEvidence> drifted = drifted();
            if (drifted.stream().mapToInt(DriftEvidence::offProfileRuns).sum() < criterion.evidenceRuns()) {
                return Optional.empty();
            }
            signalledAt = observations;
            return Optional.of(new ReprofileRequest(ReprofileRequest.SCHEMA_VERSION, front.model(),
                    front.deviceClass(), version, criterion.describe(), drifted, observations, source,
                    clock.instant()));
        }

        /** The drifted configurations, each with its runs off the profile, worst first. */
        private List<DriftEvidence> drifted() {
            List<DriftEvidence> out = new ArrayList<>();
            runs.forEach((config, r) -> {
                double latency = r.medianLatency();
                double energy = r.medianEnergy();
                if (latency >= r.latencyLimit || energy >= r.energyLimit) {
                    ParetoEntry e = entries.get(config);
                    out.add(new DriftEvidence(config, e.latencyMs(), e.energyJ(), r.offProfile(), latency, energy));
                }
            });
            out.sort(Comparator.comparingDouble((DriftEvidence d) -> Math.max(d.latencyRatio(),
                    Double.isNaN(d.energyRatio()) ? 0 : d.energyRatio())).reversed()
                    .thenComparing(d -> d.config().label()));
            return out;
        }
    }

    /** The latest observed/profiled ratios of one configuration, and the ratios at which they are off its profile. */
    private final class Runs {
        private final ArrayDeque<double[]> latest = new ArrayDeque<>();
        private final double latencyLimit;
        private final double energyLimit;

        Runs(MeasuredSpread spread) {
            latencyLimit = criterion.limit(spread == null ? Double.NaN : spread.latencyCv());
            energyLimit = criterion.limit(spread == null ? Double.NaN : spread.energyCv());
        }

        void add(double latencyRatio, double energyRatio, int keep) {
            latest.addLast(new double[] {latencyRatio, energyRatio});
            while (latest.size() > keep) {
                latest.removeFirst();
            }
        }

        /** Latest runs at or over their limit on latency or energy. */
        int offProfile() {
            return (int) latest.stream().filter(r -> r[0] >= latencyLimit || r[1] >= energyLimit).count();
        }

        double medianLatency() {
            return Quantiles.median(latest.stream().mapToDouble(r -> r[0]).toArray());
        }

        /** NaN when no run had a usable energy figure. */
        double medianEnergy() {
            double[] usable = latest.stream().mapToDouble(r -> r[1]).filter(Double::isFinite).toArray();
            return usable.length == 0 ? Double.NaN : Quantiles.median(usable);
        }
    }
}
