package io.dynasplit.runtime.cli;

import io.dynasplit.statistics.Quantiles;

import java.util.Arrays;

/** Minimum and median of repeated timings, in milliseconds. */
record Stats(double minMs, double medianMs) {

    static Stats of(double[] ms) {
        return new Stats(Arrays.stream(ms).min().orElse(Double.NaN), Quantiles.median(ms));
    }
}
