package io.dynasplit.contracts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The README's topic table is the public contract operators read: it must say what {@link Topics} provisions. */
class ReadmeTopicTableTest {

    @Test
    void readmeTableMatchesTheTopicSpecs() throws IOException {
        Map<String, List<String>> rows = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("../README.md"))) {
            if (line.startsWith("| `dynasplit.")) {
                List<String> cells = java.util.Arrays.stream(line.split("\\|")).map(c -> c.replace("`", "").trim())
                        .filter(c -> !c.isEmpty()).toList();
                rows.put(cells.get(0).replace("`", ""), cells);
            }
        }
        List<TopicSpec> specs = new java.util.ArrayList<>(Topics.all());
        specs.add(Topics.edgeCommandsSpec("device"));
        for (TopicSpec spec : specs) {
            String name = spec.name().replace(".device.", ".<device>.");
            List<String> row = rows.get(name);
            assertNotNull(row, "README has no row for " + name);
            assertEquals(List.of(name, Integer.toString(spec.partitions()), spec.key(), spec.valueFormat(),
                    retention(spec.retentionMs()), Integer.toString(spec.maxMessageBytes()), spec.cleanupPolicy()), row);
        }
        assertEquals(specs.size(), rows.size(), "README lists topics DynaSplit does not have: " + rows.keySet());
    }

    private static String retention(long ms) {
        if (ms < 0) {
            return "forever";
        }
        long hours = ms / 3_600_000L;
        return hours % 24 == 0 ? hours / 24 + " d" : hours + " h";
    }
}
