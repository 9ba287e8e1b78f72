package io.dynasplit.testbed.emulated;

import java.util.Arrays;
import java.util.Collection;

/** Robust summary statistics used by the fit and the calibration report. */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    public static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Linear-interpolated quantile (the same definition as numpy's default); NaN for no values. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Median absolute deviation from the median. */
    public static double mad(double[] values) {
        double m = median(values);
        return median(Arrays.stream(values).map(v -> Math.abs(v - m)).toArray());
    }

    /** |predicted / measured - 1| in percent. */
    public static double absPercentError(double predicted, double measured) {
        return Math.abs(predicted / measured - 1.0) * 100.0;
    }
}
