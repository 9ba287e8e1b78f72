package io.dynasplit.selection.correction;

/**
 * How observed runs correct the offline profile.
 *
 * @param enabled              false: the paper's behaviour (profile figures as they are, no margin)
 * @param alpha                EWMA weight of a new observation of the observed/predicted ratio
 * @param zScore               safety margin in standard deviations of the latency ratio: an entry is taken to meet a
 *                             threshold only when {@code expected * (1 + zScore * cv) <= threshold}
 * @param priorCv              latency spread (coefficient of variation) assumed before the runs say otherwise
 * @param minObservations      runs of one configuration before its own spread replaces the pooled one
 * @param halfLifeObservations a configuration's correction halves toward the profile every this many runs of other
 *                             configurations, so one bad run cannot ban a configuration forever; 0 = never
 * @param minRatio             lower clamp of an observed/predicted ratio (guards against broken measurements)
 * @param maxRatio             upper clamp of an observed/predicted ratio
 * @param rebuildTolerance     relative change of a configuration's corrected bound or energy that triggers an index
 *                             rebuild; smaller changes wait for the next rebuild
 */
public record FeedbackSettings(boolean enabled, double alpha, double zScore, double priorCv, int minObservations,
                               double halfLifeObservations, double minRatio, double maxRatio,
                               double rebuildTolerance) {

    public FeedbackSettings {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (zScore < 0 || priorCv < 0 || minObservations < 1 || halfLifeObservations < 0 || rebuildTolerance < 0) {
            throw new IllegalArgumentException("zScore, priorCv, halfLifeObservations, rebuildTolerance must be >= 0 "
                    + "and minObservations >= 1");
        }
        if (!(minRatio > 0 && minRatio < 1 && maxRatio > 1)) {
            throw new IllegalArgumentException("need 0 < minRatio < 1 < maxRatio");
        }
    }

    /** Defaults: EWMA 0.3, two standard deviations of margin, 3% spread assumed until measured. */
    public static FeedbackSettings defaults() {
        return new FeedbackSettings(true, 0.3, 2.0, 0.03, 5, 2000, 0.2, 5.0, 0.001);
    }

    /** The paper's selection: profile figures as they are. */
    public static FeedbackSettings disabled() {
        return new FeedbackSettings(false, 0.3, 0.0, 0.0, 5, 0, 0.2, 5.0, 0.001);
    }

    public FeedbackSettings withZScore(double z) {
        return new FeedbackSettings(enabled, alpha, z, priorCv, minObservations, halfLifeObservations, minRatio,
                maxRatio, rebuildTolerance);
    }

    public FeedbackSettings withPriorCv(double cv) {
        return new FeedbackSettings(enabled, alpha, zScore, cv, minObservations, halfLifeObservations, minRatio,
                maxRatio, rebuildTolerance);
    }

    public FeedbackSettings withAlpha(double a) {
        return new FeedbackSettings(enabled, a, zScore, priorCv, minObservations, halfLifeObservations, minRatio,
                maxRatio, rebuildTolerance);
    }

    public FeedbackSettings withHalfLife(double observations) {
        return new FeedbackSettings(enabled, alpha, zScore, priorCv, minObservations, observations, minRatio,
                maxRatio, rebuildTolerance);
    }
}
