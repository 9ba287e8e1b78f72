package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart's topic provisioning at fleet scale: 10,000 devices, one Strimzi KafkaTopic each. */
class FleetScaleTest {
    static final int DEVICES = 10_000;
    /** Helm keeps a release as base64(gzip(release)) in one Secret, which Kubernetes caps at 1 MiB. */
    static final int SECRET_LIMIT = 1024 * 1024;
    /** Linux's limit for one environment string (MAX_ARG_STRLEN). */
    static final int ENV_LIMIT = 128 * 1024;
    /** Kubernetes caps a ConfigMap's data at 1 MiB. */
    static final int CONFIG_MAP_LIMIT = 1024 * 1024;

    static Path values;

    @BeforeAll
    static void writeFleetValues() throws IOException {
        values = Files.createTempFile("fleet-values", ".yaml");
        String devices = IntStream.range(0, DEVICES).mapToObj(i -> String.format("    - {id: board-%05d}", i))
                .collect(Collectors.joining("\n"));
        Files.writeString(values, Files.readString(Chart.requiredValues())
                + "\nstrimziTopics:\n  enabled: true\nedge:\n  devices:\n" + devices + "\n");
    }

    @AfterAll
    static void removeValues() throws IOException {
        Files.deleteIfExists(values);
    }

    @Test
    void tenThousandDevicesGetOneKafkaTopicEachWithinHelmsReleaseLimit() throws IOException {
        long t0 = System.nanoTime();
        String manifest = Chart.template(Map.of(), values);
        long renderMs = (System.nanoTime() - t0) / 1_000_000;
        List<JsonNode> topics = Rendered.parse(manifest).ofKind("KafkaTopic");

        assertEquals(DEVICES + Topics.all().size(), topics.size());
        Set<String> resourceNames = new HashSet<>();
        Set<String> topicNames = new HashSet<>();
        for (JsonNode topic : topics) {
            assertTrue(resourceNames.add(topic.path("metadata").path("name").asText()), topic.toString());
            topicNames.add(topic.path("spec").path("topicName").asText());
        }
        assertTrue(topicNames.contains(Topics.edgeCommands("board-09999")));
        // the manifest is most of a release; the values hold the device list again, so keep it under half the cap
        int stored = Base64.getEncoder().encode(gzip(manifest)).length;
        System.out.printf("10,000 devices: %d KafkaTopics rendered in %d ms, manifest %d KB, as Helm stores it %d KB%n",
                topics.size(), renderMs, manifest.length() / 1024, stored / 1024);
        assertTrue(stored < SECRET_LIMIT / 2, "release manifest as stored: " + stored + " bytes");
    }

    @Test
    void theSchedulerReadsTenThousandDevicesFromAConfigMapNotAnEnvironmentVariable() throws IOException {
        Rendered rendered = Rendered.parse(Chart.template(Map.of(), values));
        String devices = rendered.get("ConfigMap", "dynasplit-scheduler-devices").path("data").path("devices").asText();
        JsonNode scheduler = Rendered.container(rendered.get("Deployment", "dynasplit-scheduler"), "scheduler");

        assertEquals(DEVICES, devices.lines().count());
        assertTrue(devices.lines().anyMatch("board-09999=paper-pi4-coral"::equals));
        assertTrue(devices.length() > ENV_LIMIT, "a list this long could not be one variable: " + devices.length());
        assertTrue(devices.length() < CONFIG_MAP_LIMIT, "ConfigMap data: " + devices.length() + " bytes");
        for (Map.Entry<String, JsonNode> variable : Rendered.env(scheduler).entrySet()) {
            assertTrue(variable.getValue().toString().length() < ENV_LIMIT, variable.getKey());
        }
        assertTrue(Rendered.env(scheduler).containsKey("DYNASPLIT_SCHEDULER_DEVICES_FILE"));
    }

    @Test
    void devicesWhoseKafkaTopicResourceNamesWouldCollideAreRefused() {
        // resource names are lower-case with '-' for '.' and '_': Pi_B and pi-b would be one KafkaTopic
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(Chart.sets(
                "strimziTopics.enabled", true, "edge.devices[0].id", "Pi_B", "edge.devices[1].id", "pi-b")));
        assertTrue(e.getMessage().contains("Pi_B") && e.getMessage().contains("pi-b"), e.getMessage());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
