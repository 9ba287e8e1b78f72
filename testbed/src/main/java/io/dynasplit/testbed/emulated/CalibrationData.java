package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured medians of the paper's testbed (about 560 configurations of vgg16 and vit-b16), as published with
 * the authors' data. A copy ships in this jar so that the emulator is fitted the same way everywhere.
 */
public final class CalibrationData {
    /** Classpath folder of the bundled tables. */
    public static final String RESOURCE_DIR = "/io/dynasplit/testbed/calibration/";
    /** Model name to the table's file name. */
    public static final Map<String, String> FILES = Map.of("vgg16", "vgg16-measured.csv", "vit-b16", "vit-measured.csv");

    private CalibrationData() {
    }

    /** Both bundled tables, vgg16 first. */
    public static List<CalibrationRow> bundled() {
        List<CalibrationRow> rows = new ArrayList<>();
        for (String model : List.of("vgg16", "vit-b16")) {
            String resource = RESOURCE_DIR + FILES.get(model);
            try (InputStream in = CalibrationData.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("calibration table " + resource + " is missing from the classpath");
                }
                rows.addAll(parse(model, new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(rows);
    }

    /** Both tables from a folder holding {@code vgg16-measured.csv} and {@code vit-measured.csv}. */
    public static List<CalibrationRow> read(Path dir) throws IOException {
        List<CalibrationRow> rows = new ArrayList<>();
        for (String model : List.of("vgg16", "vit-b16")) {
            try (Reader r = Files.newBufferedReader(dir.resolve(FILES.get(model)), StandardCharsets.UTF_8)) {
                rows.addAll(parse(model, r));
            }
        }
        return List.copyOf(rows);
    }

    /** Parses one table; columns are found by header name, so the ViT table's missing accuracy column is fine. */
    public static List<CalibrationRow> parse(String model, Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) {
            throw new IOException("empty calibration table for " + model);
        }
        Map<String, Integer> col = new HashMap<>();
        String[] names = header.trim().split(",");
        for (int i = 0; i < names.length; i++) {
            col.put(names[i].trim(), i);
        }
        for (String required : List.of("layer", "cpu_mhz", "edge_accelerator", "cloud_gpu", "latency_ms", "energy_j",
                "edge_latency_ms", "transfer_ms", "cloud_latency_ms", "edge_energy_j", "cloud_energy_j")) {
            if (!col.containsKey(required)) {
                throw new IOException(model + " calibration table lacks column " + required + "; header: " + header);
            }
        }
        List<CalibrationRow> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(",");
            try {
                SplitConfig config = new SplitConfig(model, Integer.parseInt(f[col.get("layer")]),
                        Integer.parseInt(f[col.get("cpu_mhz")]), AcceleratorMode.parse(f[col.get("edge_accelerator")]),
                        Boolean.parseBoolean(f[col.get("cloud_gpu")].toLowerCase()));
                rows.add(new CalibrationRow(config, (int) num(f, col, "samples", 1), num(f, col, "latency_ms", 0),
                        num(f, col, "energy_j", 0), num(f, col, "edge_latency_ms", 0), num(f, col, "transfer_ms", 0),
                        num(f, col, "cloud_latency_ms", 0), num(f, col, "edge_energy_j", 0),
                        num(f, col, "cloud_energy_j", 0), num(f, col, "cloud_gpu_energy_j", Double.NaN),
                        num(f, col, "tensor_kb", Double.NaN), num(f, col, "accuracy", Double.NaN)));
            } catch (RuntimeException e) {
                throw new IOException(model + " calibration table, line " + lineNo + ": " + e.getMessage()
                        + " in " + Arrays.toString(f), e);
            }
        }
        return rows;
    }

    private static double num(String[] fields, Map<String, Integer> col, String name, double missing) {
        Integer i = col.get(name);
        if (i == null || i >= fields.length || fields[i].isBlank()) {
            return missing;
        }
        return Double.parseDouble(fields[i]);
    }
}
