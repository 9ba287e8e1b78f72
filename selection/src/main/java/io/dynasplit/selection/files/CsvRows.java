package io.dynasplit.selection.files;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Rows of a CSV file with a header, addressed by column name; every error names the source and the row. */
public final class CsvRows {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final String source;
    private final List<Map<String, String>> rows;

    private CsvRows(String source, List<Map<String, String>> rows) {
        this.source = source;
        this.rows = rows;
    }

    /** Reads all rows; requires every column of {@code required} in the header (names are case-insensitive). */
    public static CsvRows read(String source, Reader reader, Collection<String> required) {
        String text;
        try {
            text = new BufferedReader(reader).lines().collect(Collectors.joining("\n"));
        } catch (UncheckedIOException e) {
            throw new InputFileException(source + ": cannot read: " + e.getCause().getMessage(), e);
        }
        if (text.isBlank()) {
            throw new InputFileException(source + ": the file is empty (a header line and at least one row are needed)");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (it.hasNextValue()) {
                Map<String, String> raw = it.nextValue();
                Map<String, String> row = new java.util.HashMap<>();
                raw.forEach((k, v) -> row.put(k.trim().toLowerCase(Locale.ROOT), v));
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            throw new InputFileException(source + ": not a readable CSV file with a header (row " + (rows.size() + 1)
                    + "): " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (rows.isEmpty()) {
            throw new InputFileException(source + ": no data rows (a header line and at least one row are needed)");
        }
        List<String> missing = required.stream().filter(c -> !rows.get(0).containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new InputFileException(source + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + missing.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                    + "; columns found: " + rows.get(0).keySet().stream().sorted().toList());
        }
        return new CsvRows(source, rows);
    }

    public int size() {
        return rows.size();
    }

    public boolean hasColumn(String column) {
        return rows.get(0).containsKey(column);
    }

    /** The raw text of a cell; {@code row} is 1-based (the first data row is 1). */
    public String text(int row, String column) {
        String v = rows.get(row - 1).get(column);
        if (v == null || v.isEmpty()) {
            throw error(row, "empty " + column);
        }
        return v;
    }

    public double number(int row, String column) {
        String v = text(row, column);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw error(row, column + " must be a finite number, got '" + v + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw error(row, column + " is not a number: '" + v + "'");
        }
    }

    public int integer(int row, String column) {
        String v = text(row, column);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error(row, column + " is not an integer: '" + v + "'");
        }
    }

    public boolean bool(int row, String column) {
        String v = text(row, column).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw error(row, column + " must be true or false, got '" + v + "'");
        };
    }

    public InputFileException error(int row, String message) {
        return new InputFileException(source + ": data row " + row + ": " + message);
    }
}
