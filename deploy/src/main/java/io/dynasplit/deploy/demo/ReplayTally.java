package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.statistics.Quantiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a replay has had so far: results, met and missed thresholds, their latency and energy. */
final class ReplayTally {
    private final List<Double> latenciesMs = new ArrayList<>();
    private final List<Double> energiesJ = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private int results;
    private int met;
    private int notOk;

    void add(InferenceResult result) {
        results++;
        if (result.thresholdMet()) {
            met++;
        }
        if (result.status() != ResultStatus.OK) {
            notOk++;
        }
        if (result.latency() != null) {
            latenciesMs.add(result.latency().totalMs());
        }
        if (result.energy() != null) {
            energiesJ.add(result.energy().totalJ());
        }
    }

    int results() {
        return results;
    }

    int met() {
        return met;
    }

    int missed() {
        return results - met;
    }

    /** {@code 49 met, 1 missed}, and how many had no ok result when some had none. */
    String counts() {
        return String.format(Locale.ROOT, "%d met, %d missed%s", met, missed(), notOk == 0 ? "" : " (" + notOk + " not ok)");
    }

    /** The closing line: counts, share met, median latency, mean energy and the wall time taken. */
    String summary(String model, String device) {
        double meanJ = energiesJ.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return String.format(Locale.ROOT,
                "%s on %s: %d results in %.1f s, %s (%.0f%% met); latency median %.1f ms, energy mean %.2f J",
                model, device, results, (System.nanoTime() - startedNanos) / 1e9, counts(),
                results == 0 ? 0.0 : 100.0 * met / results,
                latenciesMs.isEmpty() ? Double.NaN : Quantiles.median(latenciesMs), meanJ);
    }

    /** {@code vgg16/l=22/600MHz/std/cpu 572.9 ms (threshold 4243.8) 2.66 J met}: one result in a line. */
    static String describe(InferenceResult result, double thresholdMs) {
        return String.format(Locale.ROOT, "%s %.1f ms (threshold %.1f) %.2f J %s",
                result.config() == null ? result.status().wireName() : result.config().label(),
                result.latency() == null ? Double.NaN : result.latency().totalMs(), thresholdMs,
                result.energy() == null ? Double.NaN : result.energy().totalJ(), result.thresholdMet() ? "met" : "MISSED");
    }
}
