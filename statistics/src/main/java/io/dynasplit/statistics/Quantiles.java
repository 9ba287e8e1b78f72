package io.dynasplit.statistics;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Arrays;
import java.util.Collection;

/**
 * The project's one definition of a quantile: linear interpolation between the closest ranks (Hyndman and Fan's
 * type 7, the default of R and numpy), so a median of an even count is the mean of the middle two and a p99 of 50
 * values lies between the 49th and 50th. Computed by Commons Math's {@link Percentile}. Empty input gives NaN.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** Quantile {@code q} in [0, 1] of {@code values} (not modified). */
    public static double quantile(double[] values, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        if (q == 0) {
            return Arrays.stream(values).min().getAsDouble(); // Percentile takes (0, 100]
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, q * 100);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    public static double median(Collection<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Median absolute deviation from the median (unscaled). */
    public static double mad(double[] values) {
        double m = median(values);
        return median(Arrays.stream(values).map(v -> Math.abs(v - m)).toArray());
    }
}
