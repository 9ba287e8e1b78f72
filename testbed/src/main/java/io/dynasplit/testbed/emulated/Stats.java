package io.dynasplit.testbed.emulated;

/** Prediction errors of the fit and the calibration report (quantiles: {@link io.dynasplit.statistics.Quantiles}). */
public final class Stats {
    private Stats() {
    }

    /** |predicted / measured - 1| in percent. */
    public static double absPercentError(double predicted, double measured) {
        return Math.abs(predicted / measured - 1.0) * 100.0;
    }
}
