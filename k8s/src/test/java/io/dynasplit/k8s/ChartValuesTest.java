package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.dynasplit.k8s.Chart.render;
import static io.dynasplit.k8s.Chart.sets;
import static io.dynasplit.k8s.Rendered.container;
import static io.dynasplit.k8s.Rendered.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** values.schema.json and the chart's own checks: what an operator must set, and what is refused with a message. */
class ChartValuesTest {

    /** The configuration properties every team agreed on, per service (docs/deploy.md lists them). */
    private static final List<String> KAFKA_PROPERTIES = List.of("kafka.bootstrap.servers",
            "kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config",
            "kafka.ssl.truststore.location", "kafka.ssl.truststore.password", "dynasplit.topics.provision");
    private static final Map<String, List<String>> SERVICE_PROPERTIES = Map.of(
            "scheduler", List.of("dynasplit.scheduler.fallback-policy", "dynasplit.scheduler.devices-file",
                    "dynasplit.scheduler.timeout-grace-ms", "dynasplit.scheduler.front-dir",
                    "dynasplit.scheduler.margin-z", "dynasplit.scheduler.request-partitions"),
            "edge-node", List.of("dynasplit.edge.device-id", "dynasplit.edge.device-class",
                    "dynasplit.edge.testbed", "dynasplit.edge.hardware", "dynasplit.edge.host-watts-per-core",
                    "dynasplit.edge.pacing-speedup"),
            "cloud-node", List.of("dynasplit.cloud.node-id", "dynasplit.cloud.testbed", "dynasplit.cloud.hardware",
                    "dynasplit.cloud.host-watts-per-core",
                    "dynasplit.cloud.energy-accounting"));
    /** Beyond the agreed list: PKCS12 truststores (Strimzi's ca.p12) need their type named. */
    private static final String TRUSTSTORE_TYPE = "KAFKA_SSL_TRUSTSTORE_TYPE";

    @Test
    void renderingWithoutKafkaBootstrapServersFailsNamingTheValue() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Chart.template(Map.of()));

        assertTrue(error.getMessage().contains("kafka: bootstrapServers is required"), error.getMessage());
    }

    @Test
    void lintOfTheChartAsShippedReportsTheMissingRequiredValue() {
        LintResult lint = Chart.lint(Chart.chartDir());

        assertTrue(lint.isFailed());
        assertTrue(lint.getMessages().stream().anyMatch(m -> m.contains("bootstrapServers is required")),
                String.join("\n", lint.getMessages()));
    }

    @Test
    void strictLintPassesOnceTheRequiredValueIsSet(@TempDir Path dir) throws IOException {
        LintResult lint = Chart.lint(Chart.copyWithRequiredValues(dir.resolve("dynasplit")));

        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    static Stream<List<Object>> refusedValues() {
        return Stream.of(
                List.of("kafka.bootstrapServers", "kafka-without-port", "kafka.bootstrapServers: Does not match pattern"),
                List.of("kafka.securityProtocol", "TLS", "kafka.securityProtocol: kafka.securityProtocol must be one of"),
                List.of("kafka.sasl.mechanism", "GSSAPI", "kafka.sasl.mechanism: kafka.sasl.mechanism must be one of"),
                List.of("scheduler.fallbackPolicy", "random", "scheduler.fallbackPolicy: scheduler.fallbackPolicy must be one of"),
                List.of("scheduler.replicas", -1, "scheduler.replicas: Must be greater than or equal to 0"),
                List.of("scheduler.marginZ", -1, "scheduler.marginZ: Must be greater than or equal to 0"),
                List.of("scheduler.marginZ", "two", "scheduler.marginZ: Does not match pattern"),
                List.of("cloud.energyAccounting", "kepler", "cloud.energyAccounting: cloud.energyAccounting must be one of"),
                List.of("edge.hardware", "real", "edge.hardware: edge.hardware must be one of"),
                List.of("edge.hostWattsPerCore", 0, "edge.hostWattsPerCore: Must be greater than 0"),
                List.of("cloud.hostWattsPerCore", "ten", "cloud.hostWattsPerCore: Invalid type"),
                List.of("edge.devices[0].id", "pi4.local", "edge.devices.0.id: Does not match pattern"),
                List.of("optimizer.args", "", "optimizer.args: Invalid type"),
                List.of("cloud.gpu.enable", true, "Additional property enable is not allowed"),
                List.of("cloud.gpu.imageSuffix", ":cuda", "cloud.gpu.imageSuffix: Does not match pattern"));
    }

    @ParameterizedTest
    @MethodSource("refusedValues")
    void theSchemaRefusesAWrongValueNamingIt(List<Object> refused) {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> render(sets((String) refused.get(0), refused.get(1))));

        assertTrue(error.getMessage().contains((String) refused.get(2)), error.getMessage());
    }

    static Stream<List<Object>> inconsistentValues() {
        return Stream.of(
                List.of(sets("kafka.securityProtocol", "SASL_SSL", "kafka.tls.truststoreSecret", "ca"),
                        "kafka.securityProtocol=SASL_SSL needs SASL credentials: set kafka.sasl.existingSecret"),
                List.of(sets("kafka.securityProtocol", "SASL_PLAINTEXT", "kafka.sasl.username", "alice"),
                        "or both kafka.sasl.username and kafka.sasl.password"),
                List.of(sets("kafka.securityProtocol", "SSL"),
                        "kafka.securityProtocol=SSL needs a truststore: set kafka.tls.truststoreSecret"),
                List.of(sets("kafka.securityProtocol", "SSL", "kafka.tls.truststoreSecret", "ca",
                        "kafka.tls.truststorePasswordKey", ""), "needs a password"),
                List.of(sets("cloud.autoscaling.maxReplicas", 12),
                        "cloud-node may scale to 12 replicas but dynasplit.cloud.tensors has 6 partitions"),
                List.of(sets("cloud.autoscaling.minReplicas", 4, "cloud.autoscaling.maxReplicas", 3),
                        "cloud.autoscaling.minReplicas (4) is above cloud.autoscaling.maxReplicas (3)"),
                List.of(sets("edge.devices[0].id", "pi4-01", "edge.devices[1].id", "pi4-01"),
                        "edge.devices lists pi4-01 twice"),
                List.of(sets("scheduler.replicas", 7),
                        "scheduler.replicas (7) is above the partitions of dynasplit.requests"));
    }

    @ParameterizedTest
    @MethodSource("inconsistentValues")
    void inconsistentValuesAreRefusedWithWhatToSet(List<Object> inconsistent) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sets = (Map<String, Object>) inconsistent.get(0);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> render(sets));

        assertTrue(error.getMessage().contains((String) inconsistent.get(1)), error.getMessage());
    }

    @Test
    void moreTensorPartitionsAllowMoreCloudReplicas() {
        Rendered rendered = render(sets("cloud.autoscaling.maxReplicas", 12,
                "strimziTopics.topics.cloudTensors.partitions", 12));

        assertEquals(12, rendered.get("HorizontalPodAutoscaler", "dynasplit-cloud-node").path("spec")
                .path("maxReplicas").asInt());
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Chart.examplesDir())) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValuesFileRenders(Path example) {
        Rendered rendered = render(Map.of(), example);

        assertFalse(rendered.workloads().isEmpty(), example.toString());
    }

    @Test
    void everyAgreedPropertyIsSettableAndNoUnknownOneIsSet() {
        Rendered rendered = render(sets("kafka.securityProtocol", "SASL_SSL",
                "kafka.sasl.existingSecret", "dynasplit", "kafka.tls.truststoreSecret", "ca",
                "scheduler.timeoutGraceMs", 1500, "scheduler.frontDir", "/fronts", "scheduler.marginZ", 1.5,
                "edge.devices[0].id", "pi4-01", "edge.pacingSpeedup", 10));
        for (Map.Entry<String, List<String>> service : SERVICE_PROPERTIES.entrySet()) {
            JsonNode workload = rendered.workloads().stream().filter(w -> w.path("metadata").path("name").asText()
                    .equals("dynasplit-" + service.getKey())).findFirst().orElseThrow();
            Set<String> env = env(container(workload, service.getKey())).keySet();
            Set<String> agreed = Stream.concat(KAFKA_PROPERTIES.stream(), service.getValue().stream())
                    .map(ChartValuesTest::envName).collect(Collectors.toCollection(TreeSet::new));

            assertTrue(env.containsAll(agreed), service.getKey() + " lacks " + difference(agreed, env));
            Set<String> unknown = difference(env, agreed);
            unknown.remove(TRUSTSTORE_TYPE);
            assertEquals(Set.of(), unknown, service.getKey() + " sets variables no service reads");
        }
    }

    @Test
    void unsetOptionalPropertiesLeaveTheServicesDefaults() {
        Rendered rendered = Chart.renderDefaults();
        Set<String> scheduler = env(container(rendered.get("Deployment", "dynasplit-scheduler"), "scheduler"))
                .keySet();
        Set<String> edge = env(container(rendered.get("DaemonSet", "dynasplit-edge-node"), "edge-node")).keySet();

        assertFalse(scheduler.contains("DYNASPLIT_SCHEDULER_TIMEOUT_GRACE_MS"));
        assertFalse(scheduler.contains("DYNASPLIT_SCHEDULER_FRONT_DIR"));
        assertFalse(scheduler.contains("DYNASPLIT_SCHEDULER_MARGIN_Z"));
        assertFalse(scheduler.contains("DYNASPLIT_SCHEDULER_DEVICES"));
        assertFalse(edge.contains("DYNASPLIT_EDGE_PACING_SPEEDUP"));
        assertFalse(scheduler.contains("KAFKA_SASL_JAAS_CONFIG"));
    }

    @Test
    void theSchedulerLearnsEveryListedDeviceWithItsClass() {
        Rendered rendered = render(sets("edge.devices[0].id", "pi4-01", "edge.devices[1].id", "nuc-7",
                "edge.devices[1].class", "x86-nuc"));
        JsonNode scheduler = rendered.get("Deployment", "dynasplit-scheduler");
        JsonNode container = container(scheduler, "scheduler");
        String file = env(container).get("DYNASPLIT_SCHEDULER_DEVICES_FILE").path("value").asText();

        // the list is a mounted ConfigMap file (one device per line), not an environment variable
        assertEquals("pi4-01=paper-pi4-coral\nnuc-7=x86-nuc\n", rendered.get("ConfigMap", "dynasplit-scheduler-devices")
                .path("data").path("devices").asText());
        String mountPath = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asText().equals("devices")) {
                mountPath = mount.path("mountPath").asText();
            }
        }
        assertEquals(mountPath + "/devices", file);
        boolean mounted = false;
        for (JsonNode volume : scheduler.path("spec").path("template").path("spec").path("volumes")) {
            mounted |= volume.path("name").asText().equals("devices")
                    && volume.path("configMap").path("name").asText().equals("dynasplit-scheduler-devices");
        }
        assertTrue(mounted, "the ConfigMap is the devices volume");
        assertFalse(env(container).containsKey("DYNASPLIT_SCHEDULER_DEVICES"));
        // a changed list changes the pod template, so the replicas roll and read it again
        String checksum = scheduler.path("spec").path("template").path("metadata").path("annotations")
                .path("checksum/devices").asText();
        String other = render(sets("edge.devices[0].id", "pi4-01")).get("Deployment", "dynasplit-scheduler")
                .path("spec").path("template").path("metadata").path("annotations").path("checksum/devices").asText();
        assertFalse(checksum.isEmpty());
        assertNotEquals(checksum, other);
    }

    @Test
    void theOptimizerJobRunsTheCliWithTheArgsFromValuesUnderANameThatFollowsThem(@TempDir Path dir)
            throws IOException {
        JsonNode job = Chart.renderDefaults().ofKind("Job").get(0);
        JsonNode container = container(job, "optimizer");
        List<String> args = new java.util.ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));

        assertEquals("dynasplit/cli:0.1.0-SNAPSHOT", container.path("image").asText());
        assertEquals(List.of("optimize", "--model", "vgg16", "--testbed", "paper", "--budget", "0.2", "--seed", "7",
                "--publish"), args);
        Path vit = Files.writeString(dir.resolve("vit.yaml"), """
                kafka: {bootstrapServers: "kafka:9092"}
                optimizer: {args: [optimize, --model, vit-b16, --publish]}
                """);
        JsonNode vitJob = render(Map.of(), vit).ofKind("Job").get(0);
        List<String> vitArgs = new java.util.ArrayList<>();
        container(vitJob, "optimizer").path("args").forEach(a -> vitArgs.add(a.asText()));
        assertEquals(List.of("optimize", "--model", "vit-b16", "--publish"), vitArgs);
        String otherName = vitJob.path("metadata").path("name").asText();
        assertTrue(job.path("metadata").path("name").asText().startsWith("dynasplit-optimizer-"));
        assertFalse(otherName.equals(job.path("metadata").path("name").asText()));
        assertEquals("Never", Rendered.podSpec(job).path("restartPolicy").asText());
    }

    @Test
    void imagesComeFromTheConfiguredRegistryAndTag() {
        Rendered rendered = render(sets("image.registry", "registry.example.com:5000/", "image.tag", "1.2.3"));
        Set<String> images = new TreeSet<>();
        rendered.workloads().forEach(w -> Rendered.podSpec(w).path("containers")
                .forEach(c -> images.add(c.path("image").asText())));

        assertEquals(Set.of("registry.example.com:5000/dynasplit/scheduler:1.2.3",
                "registry.example.com:5000/dynasplit/cloud-node:1.2.3",
                "registry.example.com:5000/dynasplit/edge-node:1.2.3",
                "registry.example.com:5000/dynasplit/cli:1.2.3"), images);
    }

    /** Quarkus' environment-variable form of a property: non-alphanumerics become '_', then upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> difference = new TreeSet<>(a);
        difference.removeAll(b);
        return difference;
    }
}
