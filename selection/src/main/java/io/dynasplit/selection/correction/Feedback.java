package io.dynasplit.selection.correction;

import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.Candidate;

import java.util.HashMap;
import java.util.Map;

/**
 * Observed/predicted ratios per configuration (EWMA), and the latency spread they show. Not thread-safe: the
 * {@link io.dynasplit.selection.Selector} owning it serialises writers and builds immutable indexes from it.
 */
public final class Feedback {
    /** Weight of one observation in the spread pooled over all configurations. */
    private static final double POOLED_WEIGHT = 0.02;
    /** A single deviation counts at most this much toward the pooled spread (one broken run must not widen all margins). */
    private static final double MAX_POOLED_DEVIATION = 0.5;

    private final FeedbackSettings settings;
    private final Map<SplitConfig, State> states = new HashMap<>();
    private long clock;
    private double pooledVariance;

    public Feedback(FeedbackSettings settings) {
        this.settings = settings;
        this.pooledVariance = settings.priorCv() * settings.priorCv();
    }

    public FeedbackSettings settings() {
        return settings;
    }

    /**
     * Records one run of {@code config} whose profile predicted {@code predicted}. Latency excludes queueing and
     * reconfiguration; energy excludes the reconfiguration's. Returns false when the observation was not usable.
     */
    public boolean observe(ParetoEntry predicted, double observedLatencyMs, double observedEnergyJ) {
        if (!settings.enabled() || !(observedLatencyMs > 0) || !Double.isFinite(observedLatencyMs)
                || !(predicted.latencyMs() > 0)) {
            return false;
        }
        double latencyRatio = clamp(observedLatencyMs / predicted.latencyMs());
        boolean energyUsable = predicted.energyJ() > 0 && observedEnergyJ >= 0 && Double.isFinite(observedEnergyJ);
        double energyRatio = energyUsable ? clamp(observedEnergyJ / predicted.energyJ()) : Double.NaN;
        State state = states.computeIfAbsent(predicted.config(), c -> new State());
        if (state.observations == 0) {
            // the first run is a measurement of this very configuration: trust it over the profile
            state.latencyMean = latencyRatio;
            state.latencyVariance = 0;
            state.energyMean = energyUsable ? energyRatio : 1.0;
        } else {
            double mean = decayed(state.latencyMean, state);
            double deviation = latencyRatio - mean;
            double relative = Math.min(Math.abs(deviation / mean), MAX_POOLED_DEVIATION);
            pooledVariance += POOLED_WEIGHT * (relative * relative - pooledVariance);
            state.latencyMean = mean + settings.alpha() * deviation;
            state.latencyVariance = (1 - settings.alpha()) * (state.latencyVariance + settings.alpha() * deviation * deviation);
            double energyMean = decayed(state.energyMean, state);
            state.energyMean = energyUsable ? energyMean + settings.alpha() * (energyRatio - energyMean) : energyMean;
        }
        state.observations++;
        clock++;
        state.lastClock = clock;
        return true;
    }

    /**
     * {@code config}'s profile changed (a newer front): its learnt ratios are re-expressed against the new figures,
     * so that what the runs showed stays what it was: a configuration whose runs took 1.8 times its old figure and
     * that was re-profiled at 1.8 times it gets a correction near 1, not 1.8 on top of 1.8. Scales are old profile /
     * new profile (one that is not a positive finite number leaves that ratio as it is); the spread, relative, stays.
     */
    public void rebase(SplitConfig config, double latencyScale, double energyScale) {
        State state = states.get(config);
        if (state == null) {
            return;
        }
        if (latencyScale > 0 && Double.isFinite(latencyScale)) {
            state.latencyMean *= latencyScale;
            state.latencyVariance *= latencyScale * latencyScale;
        }
        if (energyScale > 0 && Double.isFinite(energyScale)) {
            state.energyMean *= energyScale;
        }
    }

    /** The correction to apply to {@code config}'s profile now. */
    public Correction correction(SplitConfig config) {
        if (!settings.enabled()) {
            return Correction.NONE;
        }
        double pooledCv = Math.sqrt(pooledVariance);
        State state = states.get(config);
        if (state == null) {
            return new Correction(1.0, 1.0, pooledCv, 0);
        }
        double latency = decayed(state.latencyMean, state);
        double cv = pooledCv;
        if (state.observations >= settings.minObservations()) {
            // never below the pooled spread: a few close runs are weak evidence of a steady configuration
            cv = Math.max(pooledCv, Math.sqrt(state.latencyVariance) / state.latencyMean);
        }
        return new Correction(latency, decayed(state.energyMean, state), cv, state.observations);
    }

    /** The entry with this feedback applied. */
    public Candidate apply(ParetoEntry entry) {
        Correction c = correction(entry.config());
        double expected = entry.latencyMs() * c.latencyFactor();
        double bound = expected * (1 + settings.zScore() * c.latencyCv());
        return new Candidate(entry, expected, bound, entry.energyJ() * c.energyFactor(), c.latencyFactor(),
                c.energyFactor());
    }

    public long observations() {
        return clock;
    }

    public double pooledLatencyCv() {
        return Math.sqrt(pooledVariance);
    }

    private double decayed(double factor, State state) {
        if (settings.halfLifeObservations() <= 0) {
            return factor;
        }
        double age = clock - state.lastClock;
        return 1.0 + (factor - 1.0) * Math.pow(0.5, age / settings.halfLifeObservations());
    }

    private double clamp(double ratio) {
        return Math.max(settings.minRatio(), Math.min(settings.maxRatio(), ratio));
    }

    private static final class State {
        int observations;
        double latencyMean = 1.0;
        double latencyVariance;
        double energyMean = 1.0;
        long lastClock;
    }
}
