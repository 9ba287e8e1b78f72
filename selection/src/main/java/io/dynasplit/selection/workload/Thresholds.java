package io.dynasplit.selection.workload;

import io.dynasplit.selection.files.CsvRows;
import io.dynasplit.selection.files.InputFileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Per-request latency thresholds (ms): the paper's own draws, drawn the same way with a seeded Java generator, or read
 * from a CSV file.
 *
 * <p>The paper draws Weibull(shape 1) variates (an exponential) with numpy and rescales the whole set linearly so that
 * its smallest draw maps to the model's fastest configuration latency and its largest to its slowest. Its exact draws
 * for its two set sizes (50 and 10,000 per model) ship as resources, written by {@code selection/scripts/paper-draws.py};
 * any other size or seed comes from {@link #weibullScaled}: the same shape and bounds, not numpy's numbers.
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
        return minMaxScaled(draws, minMs, maxMs);
    }

    /** The paper's own (numpy) draws for {@code n} requests of {@code model}, scaled onto the bounds, if it made them. */
    public static Optional<double[]> paper(String model, int n, double minMs, double maxMs) {
        if (n != 50 && n != 10_000) {
            return Optional.empty();
        }
        String resource = "paper-draws-" + n + ".csv";
        InputStream in = Thresholds.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " missing from the selection jar");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            CsvRows rows = CsvRows.read(resource, reader, List.of());
            if (!rows.hasColumn(model)) {
                return Optional.empty();
            }
            double[] draws = new double[rows.size()];
            for (int r = 1; r <= rows.size(); r++) {
                draws[r - 1] = rows.number(r, model);
            }
            return Optional.of(minMaxScaled(draws, minMs, maxMs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rescales linearly so that the smallest draw maps to {@code minMs} and the largest to {@code maxMs}. */
    public static double[] minMaxScaled(double[] draws, double minMs, double maxMs) {
        int n = draws.length;
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
