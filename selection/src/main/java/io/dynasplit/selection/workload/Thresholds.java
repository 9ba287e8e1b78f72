package io.dynasplit.selection.workload;

import io.dynasplit.selection.files.CsvRows;
import io.dynasplit.selection.files.InputFileException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-request latency thresholds (ms): drawn as the paper drew them, or read from a CSV file.
 *
 * <p>The paper draws Weibull(shape 1) variates (an exponential) with numpy and rescales the whole set linearly so that
 * its smallest draw maps to the model's fastest configuration latency and its largest to its slowest. This draws
 * from the same distribution with a seeded Java generator: the same shape and bounds, not numpy's exact numbers.
 */
public final class Thresholds {
    public static final String CSV_COLUMN = "threshold_ms";

    private Thresholds() {
    }

    /**
     * {@code n} thresholds: Weibull({@code shape}) draws min-max scaled onto [{@code minMs}, {@code maxMs}].
     */
    public static double[] weibullScaled(int n, double shape, double minMs, double maxMs, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one request, got " + n);
        }
        if (!(shape > 0) || !(minMs > 0) || !(maxMs >= minMs)) {
            throw new IllegalArgumentException("need shape > 0 and 0 < minMs <= maxMs");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] draws = new double[n];
        for (int i = 0; i < n; i++) {
            // inverse CDF of Weibull(shape, scale 1); 1 - u is in (0, 1] so the log is finite
            draws[i] = Math.pow(-Math.log(1.0 - rng.nextDouble()), 1.0 / shape);
        }
        double lo = Arrays.stream(draws).min().orElseThrow();
        double hi = Arrays.stream(draws).max().orElseThrow();
        double[] thresholds = new double[n];
        for (int i = 0; i < n; i++) {
            thresholds[i] = hi == lo ? minMs : minMs + (draws[i] - lo) / (hi - lo) * (maxMs - minMs);
        }
        return thresholds;
    }

    /** The paper's workload: shape 1 (exponential). */
    public static double[] paperStyle(int n, double minMs, double maxMs, long seed) {
        return weibullScaled(n, 1.0, minMs, maxMs, seed);
    }

    /** Reads the {@code threshold_ms} column of a CSV file with a header; other columns are ignored. */
    public static double[] readCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readCsv(file.toString(), reader);
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static double[] readCsv(String source, Reader reader) {
        CsvRows rows = CsvRows.read(source, reader, List.of(CSV_COLUMN));
        double[] thresholds = new double[rows.size()];
        for (int r = 1; r <= rows.size(); r++) {
            double t = rows.number(r, CSV_COLUMN);
            if (!(t > 0)) {
                throw rows.error(r, CSV_COLUMN + " must be > 0, got " + t);
            }
            thresholds[r - 1] = t;
        }
        return thresholds;
    }
}
