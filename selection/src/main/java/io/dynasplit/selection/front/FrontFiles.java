package io.dynasplit.selection.front;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.FrontProvenance;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.selection.files.CsvRows;
import io.dynasplit.selection.files.InputFileException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a front from a file: the Pareto store document (JSON, as on the {@code dynasplit.pareto} topic) or a CSV
 * with the columns {@code layer,cpu_mhz,edge_accelerator,cloud_gpu,latency_ms,energy_j[,accuracy]}.
 */
public final class FrontFiles {
    public static final List<String> CSV_COLUMNS =
            List.of("layer", "cpu_mhz", "edge_accelerator", "cloud_gpu", "latency_ms", "energy_j");

    private FrontFiles() {
    }

    public static ParetoFront read(Path file, ModelDescriptor model, String deviceClass) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text, model, deviceClass);
    }

    /** Parses JSON when the text starts with '{', else CSV. */
    public static ParetoFront parse(String source, String text, ModelDescriptor model, String deviceClass) {
        String trimmed = text.strip();
        if (trimmed.startsWith("\ufeff")) {
            trimmed = trimmed.substring(1);
        }
        return trimmed.startsWith("{") ? parseJson(source, trimmed, model) : parseCsv(source, trimmed, model, deviceClass);
    }

    private static ParetoFront parseJson(String source, String text, ModelDescriptor model) {
        ParetoFront front;
        try {
            front = Json.read(text.getBytes(StandardCharsets.UTF_8), ParetoFront.class);
        } catch (WireFormatException e) {
            throw new InputFileException(source + ": " + e.getMessage(), e);
        }
        if (!model.name().equals(front.model())) {
            throw new InputFileException(source + ": the front is for model '" + front.model() + "', not '"
                    + model.name() + "'");
        }
        for (int i = 0; i < front.entries().size(); i++) {
            ParetoEntry e = front.entries().get(i);
            if (e == null || e.config() == null) {
                throw new InputFileException(source + ": entry " + (i + 1) + " has no configuration");
            }
            String reason = model.validate(e.config()).orElse(null);
            if (reason != null) {
                throw new InputFileException(source + ": entry " + (i + 1) + ": " + reason);
            }
            String problem = figureProblem(e.latencyMs(), e.energyJ());
            if (problem != null) {
                throw new InputFileException(source + ": entry " + (i + 1) + ": " + problem);
            }
        }
        if (front.entries().isEmpty()) {
            throw new InputFileException(source + ": the front has no entries");
        }
        return front;
    }

    private static ParetoFront parseCsv(String source, String text, ModelDescriptor model, String deviceClass) {
        CsvRows rows = CsvRows.read(source, new StringReader(text), CSV_COLUMNS);
        boolean hasAccuracy = rows.hasColumn("accuracy");
        List<ParetoEntry> entries = new ArrayList<>();
        Map<SplitConfig, Integer> firstRow = new HashMap<>();
        for (int r = 1; r <= rows.size(); r++) {
            SplitConfig raw;
            try {
                raw = new SplitConfig(model.name(), rows.integer(r, "layer"), rows.integer(r, "cpu_mhz"),
                        AcceleratorMode.parse(rows.text(r, "edge_accelerator")), rows.bool(r, "cloud_gpu"));
            } catch (IllegalArgumentException e) {
                throw rows.error(r, e.getMessage());
            }
            String reason = model.validate(raw).orElse(null);
            if (reason != null) {
                throw rows.error(r, reason);
            }
            SplitConfig config = model.canonical(raw);
            Integer earlier = firstRow.putIfAbsent(config, r);
            if (earlier != null) {
                throw rows.error(r, "configuration " + config.label() + " repeats data row " + earlier);
            }
            double latency = rows.number(r, "latency_ms");
            double energy = rows.number(r, "energy_j");
            String problem = figureProblem(latency, energy);
            if (problem != null) {
                throw rows.error(r, problem);
            }
            double accuracy = hasAccuracy ? rows.number(r, "accuracy") : Double.NaN;
            entries.add(new ParetoEntry(config, latency, energy, accuracy));
        }
        FrontProvenance provenance = new FrontProvenance("file", 0, 0, entries.size(), 0, "file:" + source, null, null);
        return new ParetoFront(ParetoFront.SCHEMA_VERSION, model.name(), deviceClass, 0, Instant.EPOCH, provenance,
                entries);
    }

    /** Why the figures cannot be used, or null. */
    private static String figureProblem(double latency, double energy) {
        if (!(latency > 0) || Double.isInfinite(latency)) {
            return "latency_ms must be a finite number > 0, got " + latency;
        }
        if (!(energy >= 0) || Double.isInfinite(energy)) {
            return "energy_j must be a finite number >= 0, got " + energy;
        }
        return null;
    }
}
