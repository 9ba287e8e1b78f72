package io.dynasplit.optimizer.store;

import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Pareto store as a file: one pretty-printed {@link ParetoFront} JSON document per (model, device class). */
public final class ParetoStore {
    private ParetoStore() {
    }

    /** Writes atomically (a temporary file, then a move), so a reader never sees half a document. */
    public static void write(ParetoFront front, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(front));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Pareto front to " + file, e);
        }
    }

    public static ParetoFront read(Path file) {
        try {
            ParetoFront front = Json.read(Files.readAllBytes(file), ParetoFront.class);
            if (front.schemaVersion() != ParetoFront.SCHEMA_VERSION) {
                throw new IllegalArgumentException(file + " holds Pareto front schema version " + front.schemaVersion()
                        + "; this build reads version " + ParetoFront.SCHEMA_VERSION);
            }
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Pareto front in " + file, e);
        }
    }

    /** The conventional file name, {@code pareto-<model>.json}. */
    public static Path defaultFile(String model) {
        return Path.of("pareto-" + model + ".json");
    }
}
