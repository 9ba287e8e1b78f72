package io.dynasplit.optimizer.store;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.FrontProvenance;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParetoStoreTest {
    static ParetoFront sample() {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        return new ParetoFront(ParetoFront.SCHEMA_VERSION, "vit-b16", "paper-pi4-coral", at.toEpochMilli(), at,
                new FrontProvenance("NSGA-III", 7, 55, 55, 273, "profile:paper", "emulated:paper/paper-pi4-coral", 0.995),
                List.of(new ParetoEntry(new SplitConfig("vit-b16", 19, 1800, AcceleratorMode.OFF, false), 512.5, 3.25, 0.699),
                        new ParetoEntry(new SplitConfig("vit-b16", 0, 1800, AcceleratorMode.OFF, true), 117.9, 90.87, Double.NaN)));
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fronts/pareto-vit-b16.json");
        ParetoStore.write(sample(), file);
        ParetoFront back = ParetoStore.read(file);
        assertEquals(sample(), back);
        assertTrue(Double.isNaN(back.entries().get(1).accuracy()));
        assertTrue(Files.readString(file).contains("\"hypervolumeRatio\" : 0.995"));
    }

    @Test
    void overwritesAnOlderVersion(@TempDir Path dir) {
        Path file = dir.resolve("pareto.json");
        ParetoFront old = sample();
        ParetoStore.write(old, file);
        ParetoFront newer = new ParetoFront(old.schemaVersion(), old.model(), old.deviceClass(), old.version() + 1,
                old.createdAt(), old.provenance(), old.entries().subList(0, 1));
        ParetoStore.write(newer, file);
        assertEquals(newer, ParetoStore.read(file));
        assertEquals(1, dir.toFile().list().length, "no temporary file left behind");
    }

    @Test
    void refusesAnotherSchemaVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("future.json");
        ParetoStore.write(sample(), file);
        Files.writeString(file, Files.readString(file).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        assertThrows(IllegalArgumentException.class, () -> ParetoStore.read(file));
    }
}
