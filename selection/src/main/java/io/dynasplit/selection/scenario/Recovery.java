package io.dynasplit.selection.scenario;

import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.statistics.Quantiles;
import io.dynasplit.statistics.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a selection comes back from a drift that begins at request {@code from}: its deadline rate before, after, and
 * how many requests after {@code from} pass until the rate over every later window of {@code window} requests is
 * back above a floor ({@link #requestsToRecover}). The floor is the rate before the drift less {@code tolerancePoints}
 * or, when more, three binomial standard deviations of a window's rate at that rate: a selection that meets 77% of
 * deadlines has windows of 200 requests 3 points apart by chance alone, one at 99.9% does not.
 */
public final class Recovery {
    public static final int DEFAULT_WINDOW = 200;
    public static final double DEFAULT_TOLERANCE_POINTS = 1.0;
    /** The transient: deadlines missed over this many requests from the drift's start. */
    public static final int TRANSIENT_REQUESTS = 1000;

    /** One selection on one seed. {@code requestsToRecover}: -1 when the last window is still below. */
    public record Run(double metBeforePercent, double metAfterPercent, int requestsToRecover, double energyAfterJ,
                      int missedInTransient) {
        public boolean recovered() {
            return requestsToRecover >= 0;
        }
    }

    private Recovery() {
    }

    public static Run of(List<RequestRecord> records, int from, int window, double tolerancePoints) {
        if (from < 1 || from + window > records.size()) {
            throw new IllegalArgumentException("recovery needs requests before the drift (from " + from + ") and a "
                    + window + "-request window after it, of " + records.size());
        }
        double before = metPercent(records.subList(0, from));
        List<RequestRecord> after = records.subList(from, records.size());
        int missed = (int) records.subList(from, Math.min(records.size(), from + TRANSIENT_REQUESTS)).stream()
                .filter(r -> !r.met()).count();
        return new Run(before, metPercent(after), requestsToRecover(records, from, window,
                floorPercent(before, window, tolerancePoints)), Ablation.meanEnergy(after), missed);
    }

    /** {@code beforePercent} less the tolerance or three standard deviations of a window's rate, whichever is more. */
    static double floorPercent(double beforePercent, int window, double tolerancePoints) {
        double p = beforePercent / 100;
        double sdPoints = 100 * Math.sqrt(p * (1 - p) / window);
        return beforePercent - Math.max(tolerancePoints, 3 * sdPoints);
    }

    /**
     * Requests from {@code from} until the trailing window's deadline rate is at least {@code floorPercent} and stays
     * so to the end: 0 when no window after {@code from} falls below, -1 when the last one is below.
     */
    static int requestsToRecover(List<RequestRecord> records, int from, int window, double floorPercent) {
        int n = records.size();
        int met = 0;
        for (int i = from; i < from + window; i++) {
            met += records.get(i).met() ? 1 : 0;
        }
        int lastBelow = -1;
        for (int j = from; ; j++) {
            if (100.0 * met / window < floorPercent) {
                lastBelow = j;
            }
            if (j + window >= n) {
                break;
            }
            met += (records.get(j + window).met() ? 1 : 0) - (records.get(j).met() ? 1 : 0);
        }
        if (lastBelow < 0) {
            return 0;
        }
        if (lastBelow + window >= n) {
            return -1;
        }
        return lastBelow + 1 + window - from;
    }

    /**
     * The recovery of every selection over the seeds, as a Markdown table: deadlines met before and after the drift
     * (mean over seeds), requests to recover (median and range; seeds that never recovered counted), energy after.
     */
    public static String table(List<Ablation.SeedRun> runs, int window, double tolerancePoints) {
        Map<String, List<Run>> bySelection = new LinkedHashMap<>();
        Map<String, List<Integer>> detections = new LinkedHashMap<>();
        for (Ablation.SeedRun r : runs) {
            int from = r.scenario().drift().fromRequest();
            r.records().forEach((name, records) -> bySelection.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(of(records, from, window, tolerancePoints)));
            r.reprofiledAt().forEach((name, at) -> {
                if (!at.isEmpty()) {
                    detections.computeIfAbsent(name, k -> new ArrayList<>()).add(at.get(0) - from);
                }
            });
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "| selection | met before drift %% | met after drift %% (mean ± 95%% CI) | "
                + "requests to recover (median, min-max; window %d, floor: before less max(%.1f point, 3 sd)) | not recovered | "
                + "missed in the first %d after drift (mean, min-max) | first re-profile, requests after drift (median) | "
                + "energy after drift J |%n", window, tolerancePoints, TRANSIENT_REQUESTS));
        b.append("|---|---|---|---|---|---|---|---|\n");
        bySelection.forEach((name, list) -> {
            Summary before = Summary.of(list.stream().mapToDouble(Run::metBeforePercent).toArray());
            Summary after = Summary.of(list.stream().mapToDouble(Run::metAfterPercent).toArray());
            Summary energy = Summary.of(list.stream().mapToDouble(Run::energyAfterJ).toArray());
            double[] recovered = list.stream().filter(Run::recovered).mapToDouble(Run::requestsToRecover).toArray();
            long never = list.stream().filter(r -> !r.recovered()).count();
            String recovery = recovered.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f (%.0f-%.0f)",
                    Quantiles.median(recovered), min(recovered), max(recovered));
            List<Integer> detected = detections.get(name);
            String detection = detected == null ? "-" : String.format(Locale.ROOT, "%.0f (%d of %d seeds)",
                    Quantiles.median(detected), detected.size(), list.size());
            double hw = after.meanHalfWidth(0.95);
            Summary missed = Summary.of(list.stream().mapToDouble(Run::missedInTransient).toArray());
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f%s | %s | %d of %d | %.1f (%.0f-%.0f) | %s | %.2f |%n",
                    name, before.mean(), after.mean(), Double.isNaN(hw) ? "" : String.format(Locale.ROOT, " ± %.2f", hw),
                    recovery, never, list.size(), missed.mean(), missed.min(), missed.max(), detection,
                    energy.mean()));
        });
        return b.toString();
    }

    private static double metPercent(List<RequestRecord> records) {
        return Ablation.metPercent(records);
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }
}
