package io.dynasplit.statistics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.util.Locale;

/**
 * A sample's count, mean, sample standard deviation, and quartiles ({@link Quantiles}' definition), with the
 * half-width of a Student-t confidence interval of the mean: what a table row of repeated runs (seeds) reports.
 */
public record Summary(int count, double mean, double standardDeviation, double min, double q1, double median,
                      double q3, double max) {

    public static Summary of(double[] values) {
        if (values.length == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sd = values.length > 1 ? new StandardDeviation(true).evaluate(values) : 0;
        return new Summary(values.length, new Mean().evaluate(values), sd, Quantiles.quantile(values, 0),
                Quantiles.quantile(values, 0.25), Quantiles.median(values), Quantiles.quantile(values, 0.75),
                Quantiles.quantile(values, 1));
    }

    /** Half-width of the two-sided {@code level} (e.g. 0.95) confidence interval of the mean; NaN below 2 values. */
    public double meanHalfWidth(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        if (count < 2) {
            return Double.NaN;
        }
        double t = new TDistribution(count - 1).inverseCumulativeProbability(0.5 + level / 2);
        return t * standardDeviation / Math.sqrt(count);
    }

    /** "min 1.0, q1 2.0, median 3.0, mean 3.1, q3 4.0, max 5.0" with {@code digits} decimals. */
    public String fiveNumbersAndMean(int digits) {
        String f = "%." + digits + "f";
        return String.format(Locale.ROOT, "min " + f + ", q1 " + f + ", median " + f + ", mean " + f + ", q3 " + f
                + ", max " + f, min, q1, median, mean, q3, max);
    }
}
