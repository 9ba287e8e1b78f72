package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.fail;

/** The objects of one chart render, with look-ups by kind and name. */
record Rendered(List<JsonNode> objects) {

    static Rendered parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = Chart.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(List.copyOf(objects));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    JsonNode get(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseGet(() -> fail("no " + kind + " " + name + " in the render; found " + names()));
    }

    boolean has(String kind, String name) {
        return ofKind(kind).stream().anyMatch(o -> name.equals(o.path("metadata").path("name").asText()));
    }

    /** "apiVersion kind name" of every object, for messages and whole-set comparisons. */
    List<String> names() {
        return objects.stream().map(o -> o.path("apiVersion").asText() + " " + o.path("kind").asText() + " "
                + o.path("metadata").path("name").asText()).sorted().toList();
    }

    /** Objects that run pods: Deployment, DaemonSet, Job. */
    List<JsonNode> workloads() {
        return objects.stream().filter(o -> List.of("Deployment", "DaemonSet", "Job").contains(o.path("kind").asText()))
                .toList();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static JsonNode container(JsonNode workload, String name) {
        return StreamSupport.stream(podSpec(workload).path("containers").spliterator(), false)
                .filter(c -> name.equals(c.path("name").asText())).findFirst()
                .orElseGet(() -> fail("no container " + name));
    }

    /** A container's env as name -> the env entry (value or valueFrom). */
    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new TreeMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
