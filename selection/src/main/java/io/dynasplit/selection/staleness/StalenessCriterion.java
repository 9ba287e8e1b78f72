package io.dynasplit.selection.staleness;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * When a front is stale. A run is <em>off its profile</em> when it took at least {@code 1 + threshold} times its
 * configuration's profiled latency or energy, or, where the entry carries the spread its runs were measured with
 * ({@link io.dynasplit.contracts.MeasuredSpread}), {@code 1 + spreadMultiple x CV} times if that is more. A
 * configuration has <em>drifted</em> when the median of its latest {@code runs} runs on this front version is off its
 * profile. The front is stale when its drifted configurations hold, among those latest runs, at least
 * {@code evidenceRuns} runs off their profile: three runs of one configuration the selection keeps choosing (the
 * paper's selection), or one run each of three configurations that feedback drops after their first slow run.
 *
 * <p>Why so: the threshold sits far above the run-to-run spread of most configurations, a median over a
 * configuration's latest runs lets one slow run be forgotten by the next normal one, and several runs must agree
 * before the optimizer is asked for anything (docs/evaluation.md measures no false alarm without drift). A few
 * configurations vary far more than the rest (one of fmnist-cnn's by 18% in energy on the emulated board): judged by
 * the threshold alone, a front measured on the board itself, whose medians carry their own sampling error, was called
 * stale by such a configuration's ordinary runs, and a re-profiled front could be asked about again at once; their
 * measured spread widens their limit. Faster or cheaper than profiled does not count: deadlines are still met, and
 * feedback already uses the saving.
 *
 * @param threshold              relative excess over the profile that counts, e.g. 0.25: 25% slower or costlier
 * @param spreadMultiple         a measured entry's limit is at least this many of its runs' CVs over its profile
 *                               (0: the threshold alone)
 * @param runs                   latest runs of one configuration kept and judged by their median
 * @param evidenceRuns           runs off their profile, over the drifted configurations, that make the front stale
 * @param retryAfterObservations once a front version was called stale, results on it before it is called stale again
 *                               (the request or its answer was lost); 0 = never again for that version
 */
public record StalenessCriterion(double threshold, double spreadMultiple, int runs, int evidenceRuns,
                                 long retryAfterObservations) {

    public StalenessCriterion {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("staleness threshold must be > 0, got " + threshold);
        }
        if (!(spreadMultiple >= 0) || Double.isInfinite(spreadMultiple)) {
            throw new IllegalArgumentException("staleness spread multiple must be finite and >= 0, got " + spreadMultiple);
        }
        if (runs < 1 || evidenceRuns < 1 || retryAfterObservations < 0) {
            throw new IllegalArgumentException("staleness runs and evidenceRuns must be >= 1 and "
                    + "retryAfterObservations >= 0");
        }
    }

    /**
     * 25% over the profile or 3 measured CVs, whichever is more; a configuration's latest 3 runs, 3 runs of evidence,
     * ask again after 2000 results.
     */
    public static StalenessCriterion defaults() {
        return new StalenessCriterion(0.25, 3, 3, 3, 2000);
    }

    /** The ratio to its profiled figure at which a run is off its profile, given its runs' CV (NaN: not measured). */
    public double limit(double cv) {
        return 1 + (Double.isNaN(cv) ? threshold : Math.max(threshold, spreadMultiple * cv));
    }

    /** The rule in words, as a {@link io.dynasplit.contracts.ReprofileRequest} carries it. */
    public String describe() {
        String measured = spreadMultiple > 0 ? String.format(Locale.ROOT, " (an entry measured with its spread: 1 + %s"
                + " of its CVs where that is more)", BigDecimal.valueOf(spreadMultiple).stripTrailingZeros().toPlainString())
                : "";
        return String.format(Locale.ROOT, "at least %d runs at >= %.2f x their profiled latency or energy%s, counted"
                + " over the configurations whose latest %d runs on this front version have a median that far off",
                evidenceRuns, 1 + threshold, measured, runs);
    }
}
