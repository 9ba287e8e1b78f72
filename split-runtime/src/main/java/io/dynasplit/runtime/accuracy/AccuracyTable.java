package io.dynasplit.runtime.accuracy;

import io.dynasplit.contracts.WireDtype;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Measured top-1 accuracy per split point and wire dtype, as written by {@code runtime accuracy --csv} and committed
 * under {@value #RESOURCE_DIR}{@code <model>.csv} (only fmnist-cnn has real weights, so only it has a table).
 */
public final class AccuracyTable {
    public static final String RESOURCE_DIR = "/io/dynasplit/runtime/accuracy/";
    public static final String HEADER = "model,layer,layer_name,dtype,images,correct,agree_fp32,top1,agreement_fp32";

    private final List<AccuracyRow> rows;

    public AccuracyTable(List<AccuracyRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The committed table of {@code model}, if the module ships one. */
    public static Optional<AccuracyTable> forModel(String model) {
        try (InputStream in = AccuracyTable.class.getResourceAsStream(RESOURCE_DIR + model + ".csv")) {
            return in == null ? Optional.empty()
                    : Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<AccuracyRow> rows() {
        return rows;
    }

    public OptionalDouble top1(int layer, WireDtype dtype) {
        return rows.stream().filter(r -> r.layer() == layer && r.dtype() == dtype)
                .mapToDouble(AccuracyRow::top1).findFirst();
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (AccuracyRow r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "%s,%d,%s,%s,%d,%d,%d,%.4f,%.4f%n", r.model(), r.layer(),
                    r.layerName(), r.dtype().wireName(), r.images(), r.correct(), r.agreeWithFp32(), r.top1(),
                    r.agreement()));
        }
        return sb.toString();
    }

    public static AccuracyTable parse(String csv) {
        List<AccuracyRow> rows = new ArrayList<>();
        String[] lines = csv.split("\\R");
        if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException("accuracy CSV must start with: " + HEADER);
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",");
            rows.add(new AccuracyRow(f[0], Integer.parseInt(f[1]), f[2], WireDtype.parse(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6])));
        }
        return new AccuracyTable(rows);
    }
}
