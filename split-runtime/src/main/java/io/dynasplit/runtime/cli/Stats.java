package io.dynasplit.runtime.cli;

import java.util.Arrays;

/** Minimum and median of repeated timings, in milliseconds. */
record Stats(double minMs, double medianMs) {

    static Stats of(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Stats(s[0], median);
    }
}
