package io.dynasplit.contracts;

/**
 * How much a configuration's runs varied around the median a front entry holds: the coefficients of variation (sample
 * standard deviation over the mean) of its latency and energy over the {@code runs} runs measured. A staleness check
 * reads it to tell a drift from a noisy configuration's ordinary spread. Not a robust estimate on purpose: an outlier
 * among the runs widens what counts as ordinary, so it errs towards fewer false alarms.
 *
 * @param runs      measured runs the figures are over (at least 2)
 * @param latencyCv relative spread of latency (0 = every run alike)
 * @param energyCv  relative spread of energy
 */
public record MeasuredSpread(int runs, double latencyCv, double energyCv) {

    public MeasuredSpread {
        if (runs < 2) {
            throw new IllegalArgumentException("a measured spread needs at least 2 runs, got " + runs);
        }
        if (!(latencyCv >= 0) || !(energyCv >= 0) || Double.isInfinite(latencyCv) || Double.isInfinite(energyCv)) {
            throw new IllegalArgumentException("measured spread CVs must be finite and >= 0, got latency " + latencyCv
                    + ", energy " + energyCv);
        }
    }
}
