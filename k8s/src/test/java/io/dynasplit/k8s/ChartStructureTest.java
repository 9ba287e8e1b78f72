package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.dynasplit.k8s.Chart.render;
import static io.dynasplit.k8s.Chart.renderDefaults;
import static io.dynasplit.k8s.Chart.sets;
import static io.dynasplit.k8s.Rendered.container;
import static io.dynasplit.k8s.Rendered.podSpec;
import static io.dynasplit.k8s.Rendered.stringMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kinds, API versions and the wiring between rendered objects: selectors, probes, metrics, references. */
class ChartStructureTest {

    @Test
    void defaultRenderHoldsTheServicesTheirAutoscalerAndTheOptimizerJob() {
        Set<String> kinds = renderDefaults().objects().stream()
                .map(o -> o.path("apiVersion").asText() + " " + o.path("kind").asText())
                .collect(Collectors.toSet());

        assertEquals(Set.of("v1 ServiceAccount", "v1 ConfigMap", "v1 Service", "apps/v1 Deployment",
                "apps/v1 DaemonSet", "autoscaling/v2 HorizontalPodAutoscaler", "batch/v1 Job",
                "policy/v1 PodDisruptionBudget"), kinds);
        Rendered rendered = renderDefaults();
        assertEquals(3, rendered.ofKind("Deployment").size(), "scheduler, cloud-node and the reprofile service");
        assertEquals(3, rendered.ofKind("Service").size(), "scheduler, cloud-node, edge-node");
        assertTrue(rendered.has("DaemonSet", "dynasplit-edge-node"));
    }

    @Test
    void everyOptionalObjectHasTheApiVersionItsOperatorServes() {
        Rendered rendered = render(sets("strimziTopics.enabled", true, "metrics.serviceMonitor.enabled", true,
                "kafka.securityProtocol", "SASL_PLAINTEXT", "kafka.sasl.username", "u", "kafka.sasl.password", "p"));

        assertApiVersion(rendered, "KafkaTopic", "kafka.strimzi.io/v1beta2");
        assertApiVersion(rendered, "ServiceMonitor", "monitoring.coreos.com/v1");
        assertApiVersion(rendered, "Secret", "v1");
    }

    @Test
    void theSchedulerRunsTwoReplicasThatRollOneAtATimeUnderADisruptionBudget() {
        Rendered rendered = renderDefaults();
        var scheduler = rendered.get("Deployment", "dynasplit-scheduler").path("spec");
        assertEquals(2, scheduler.path("replicas").asInt());
        assertEquals("RollingUpdate", scheduler.path("strategy").path("type").asText());
        assertEquals(0, scheduler.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt());
        var budget = rendered.get("PodDisruptionBudget", "dynasplit-scheduler").path("spec");
        assertEquals(1, budget.path("maxUnavailable").asInt());
        assertEquals(scheduler.path("selector"), budget.path("selector"));
        assertTrue(scheduler.path("template").path("spec").path("containers").get(0).path("env").toString()
                .contains("{\"name\":\"DYNASPLIT_SCHEDULER_REQUEST_PARTITIONS\",\"value\":\"6\"}"));
        assertFalse(render(sets("scheduler.replicas", 1)).has("PodDisruptionBudget", "dynasplit-scheduler"),
                "one replica: a budget would block every drain");
    }

    @Test
    void theReprofileServiceRunsTheCliAsOneReplicaUnderTheOptimizersKafkaUser() {
        Rendered rendered = render(sets("kafka.securityProtocol", "SASL_PLAINTEXT", "kafka.sasl.existingSecret", "s"));
        JsonNode reprofile = rendered.get("Deployment", "dynasplit-reprofile");
        JsonNode container = Rendered.container(reprofile, "reprofile");

        assertEquals(1, reprofile.path("spec").path("replicas").asInt());
        assertEquals("Recreate", reprofile.path("spec").path("strategy").path("type").asText());
        assertEquals("dynasplit/cli:0.1.0-SNAPSHOT", container.path("image").asText());
        assertEquals("reprofile-service", container.path("args").get(0).asText());
        assertTrue(Rendered.env(container).containsKey("KAFKA_BOOTSTRAP_SERVERS"));
        // a first argument other than the service is refused: the Deployment would run a one-shot command forever
        assertThrows(IllegalStateException.class, () -> render(sets("reprofile.args[0]", "optimize")));
    }

    @Test
    void componentsCanBeSwitchedOffOneByOne() {
        Rendered rendered = render(sets("scheduler.enabled", false, "edge.enabled", false, "optimizer.enabled", false,
                "reprofile.enabled", false, "cloud.autoscaling.enabled", false));

        assertEquals(List.of("dynasplit-cloud-node"),
                rendered.workloads().stream().map(w -> w.path("metadata").path("name").asText()).toList());
        assertTrue(rendered.ofKind("HorizontalPodAutoscaler").isEmpty());
        assertEquals(1, rendered.get("Deployment", "dynasplit-cloud-node").path("spec").path("replicas").asInt());
    }

    @Test
    void everyWorkloadSelectorMatchesItsOwnPodsAndNoOtherWorkloads() {
        Rendered rendered = renderDefaults();
        for (JsonNode workload : rendered.workloads()) {
            if (workload.path("kind").asText().equals("Job")) {
                continue; // a Job's selector is generated by the API server
            }
            Map<String, String> selector = stringMap(workload.path("spec").path("selector").path("matchLabels"));
            assertFalse(selector.isEmpty());
            for (JsonNode other : rendered.workloads()) {
                Map<String, String> podLabels = stringMap(other.path("spec").path("template").path("metadata")
                        .path("labels"));
                assertEquals(other == workload, matches(selector, podLabels),
                        name(workload) + " selector " + selector + " against pods of " + name(other));
            }
        }
    }

    @Test
    void everyServiceSelectsExactlyOneWorkloadAndTargetsItsNamedPort() {
        Rendered rendered = renderDefaults();
        for (JsonNode service : rendered.ofKind("Service")) {
            Map<String, String> selector = stringMap(service.path("spec").path("selector"));
            List<JsonNode> selected = rendered.workloads().stream().filter(w -> matches(selector,
                    stringMap(w.path("spec").path("template").path("metadata").path("labels")))).toList();
            assertEquals(1, selected.size(), name(service) + " selects " + selected.size() + " workloads");
            JsonNode port = service.path("spec").path("ports").get(0);
            assertEquals(8080, port.path("port").asInt());
            String target = port.path("targetPort").asText();
            JsonNode containerPort = podSpec(selected.get(0)).path("containers").get(0).path("ports").get(0);
            assertEquals(target, containerPort.path("name").asText());
            assertEquals(8080, containerPort.path("containerPort").asInt());
        }
    }

    @Test
    void theServiceMonitorScrapesAllThreeServicesOnQuarkusMetricsPath() {
        Rendered rendered = render(sets("metrics.serviceMonitor.enabled", true,
                "metrics.serviceMonitor.labels.release", "kube-prometheus-stack"));
        JsonNode monitor = rendered.get("ServiceMonitor", "dynasplit");
        Map<String, String> matchLabels = stringMap(monitor.path("spec").path("selector").path("matchLabels"));
        Set<String> components = new TreeSet<>();
        monitor.path("spec").path("selector").path("matchExpressions").get(0).path("values")
                .forEach(v -> components.add(v.asText()));

        List<String> scraped = rendered.ofKind("Service").stream()
                .filter(s -> matches(matchLabels, stringMap(s.path("metadata").path("labels"))))
                .map(s -> s.path("metadata").path("labels").path("app.kubernetes.io/component").asText())
                .filter(components::contains)
                .sorted().toList();
        assertEquals(List.of("cloud-node", "edge-node", "scheduler"), scraped);
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals("http", endpoint.path("port").asText());
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("kube-prometheus-stack", monitor.path("metadata").path("labels").path("release").asText());
    }

    @Test
    void everyServiceContainerProbesQuarkusHealthAndAdvertisesItsMetrics() {
        Rendered rendered = renderDefaults();
        for (String component : List.of("scheduler", "cloud-node", "edge-node")) {
            JsonNode workload = rendered.workloads().stream()
                    .filter(w -> w.path("metadata").path("name").asText().equals("dynasplit-" + component))
                    .findFirst().orElseThrow();
            JsonNode container = container(workload, component);
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
            assertEquals("http", container.path("readinessProbe").path("httpGet").path("port").asText());
            Map<String, String> annotations = stringMap(workload.path("spec").path("template").path("metadata")
                    .path("annotations"));
            assertEquals("true", annotations.get("prometheus.io/scrape"), component);
            assertEquals("8080", annotations.get("prometheus.io/port"), component);
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), component);
        }
        JsonNode schedulerPod = rendered.get("Deployment", "dynasplit-scheduler").path("spec").path("template");
        assertFalse(stringMap(render(sets("metrics.podAnnotations", false)).get("Deployment", "dynasplit-scheduler")
                .path("spec").path("template").path("metadata").path("annotations")).containsKey("prometheus.io/scrape"));
        assertTrue(schedulerPod.path("metadata").path("annotations").has("checksum/kafka-config"));
    }

    @Test
    void theAutoscalerScalesTheCloudNodeDeploymentWithinTheTensorTopicsPartitions() {
        Rendered rendered = renderDefaults();
        JsonNode hpa = rendered.get("HorizontalPodAutoscaler", "dynasplit-cloud-node");
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        assertTrue(rendered.has("Deployment", target.path("name").asText()));
        assertTrue(rendered.get("Deployment", "dynasplit-cloud-node").path("spec").path("replicas").isMissingNode(),
                "with an autoscaler the Deployment must not pin replicas");
        assertEquals(6, hpa.path("spec").path("maxReplicas").asInt());
        assertEquals(70, hpa.path("spec").path("metrics").get(0).path("resource").path("target")
                .path("averageUtilization").asInt());
    }

    @Test
    void configMapsAndSecretsThatPodsReferenceAreRenderedOrNamedByTheOperator() {
        Rendered rendered = render(sets("kafka.securityProtocol", "SASL_SSL", "kafka.sasl.username", "dynasplit",
                "kafka.sasl.password", "pw", "kafka.tls.truststoreSecret", "my-cluster-cluster-ca-cert"));
        for (JsonNode workload : rendered.workloads()) {
            for (JsonNode container : podSpec(workload).path("containers")) {
                for (JsonNode env : container.path("env")) {
                    JsonNode configMap = env.path("valueFrom").path("configMapKeyRef");
                    if (!configMap.isMissingNode()) {
                        JsonNode data = rendered.get("ConfigMap", configMap.path("name").asText()).path("data");
                        assertTrue(data.has(configMap.path("key").asText()), env.toString());
                    }
                    JsonNode secret = env.path("valueFrom").path("secretKeyRef");
                    if (!secret.isMissingNode() && secret.path("name").asText().equals("dynasplit-kafka")) {
                        JsonNode data = rendered.get("Secret", "dynasplit-kafka").path("stringData");
                        assertTrue(data.has(secret.path("key").asText()), env.toString());
                    }
                }
            }
        }
    }

    private static void assertApiVersion(Rendered rendered, String kind, String apiVersion) {
        assertFalse(rendered.ofKind(kind).isEmpty(), "no " + kind);
        rendered.ofKind(kind).forEach(o -> assertEquals(apiVersion, o.path("apiVersion").asText(), kind));
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
