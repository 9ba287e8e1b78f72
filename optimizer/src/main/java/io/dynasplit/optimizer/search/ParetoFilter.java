package io.dynasplit.optimizer.search;

import io.dynasplit.optimizer.evaluation.Measurement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The non-dominated subset of a set of measurements. Of configurations with identical objective vectors only the
 * first is kept (they are interchangeable for the scheduler). The result is sorted by latency, then energy.
 */
public final class ParetoFilter {
    private ParetoFilter() {
    }

    public static List<Measurement> nonDominated(List<Measurement> measurements, Objectives objectives) {
        List<double[]> vectors = measurements.stream().map(objectives::vector).toList();
        List<Measurement> front = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < measurements.size(); i++) {
            double[] v = vectors.get(i);
            if (isDominated(v, vectors) || containsEqual(kept, v)) {
                continue;
            }
            front.add(measurements.get(i));
            kept.add(v);
        }
        front.sort(Comparator.comparingDouble(Measurement::latencyMs).thenComparingDouble(Measurement::energyJ));
        return front;
    }

    private static boolean isDominated(double[] v, List<double[]> all) {
        for (double[] other : all) {
            if (Objectives.dominates(other, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsEqual(List<double[]> kept, double[] v) {
        for (double[] k : kept) {
            if (Arrays.equals(k, v)) {
                return true;
            }
        }
        return false;
    }
}
