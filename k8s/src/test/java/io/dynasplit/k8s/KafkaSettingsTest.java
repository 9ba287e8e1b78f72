package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.contracts.TopicSpec;
import io.dynasplit.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.dynasplit.k8s.Chart.render;
import static io.dynasplit.k8s.Chart.sets;
import static io.dynasplit.k8s.Rendered.container;
import static io.dynasplit.k8s.Rendered.env;
import static io.dynasplit.k8s.Rendered.podSpec;
import static io.dynasplit.k8s.Rendered.stringMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strimzi KafkaTopics against the contracts' topic table, and Kafka client settings (SASL/SCRAM, TLS) as env. */
class KafkaSettingsTest {

    @Test
    void kafkaTopicsCarryTheContractsTopicTableAndOneCommandsTopicPerListedDevice() {
        Rendered rendered = render(sets("strimziTopics.enabled", true, "strimziTopics.cluster", "my-cluster",
                "edge.devices[0].id", "pi4-01", "edge.devices[1].id", "Pi_B"));
        List<TopicSpec> expected = new ArrayList<>(Topics.all());
        expected.add(Topics.edgeCommandsSpec("pi4-01"));
        expected.add(Topics.edgeCommandsSpec("Pi_B"));

        Map<String, JsonNode> byTopic = new TreeMap<>();
        rendered.ofKind("KafkaTopic").forEach(t -> byTopic.put(t.path("spec").path("topicName").asText(), t));
        assertEquals(expected.stream().map(TopicSpec::name).sorted().toList(), List.copyOf(byTopic.keySet()));
        for (TopicSpec topic : expected) {
            JsonNode spec = byTopic.get(topic.name()).path("spec");
            assertEquals(topic.partitions(), spec.path("partitions").asInt(), topic.name());
            assertEquals(topic.configs(), stringMap(spec.path("config")), topic.name());
            assertEquals("my-cluster", byTopic.get(topic.name()).path("metadata").path("labels")
                    .path("strimzi.io/cluster").asText());
        }
        assertEquals("dynasplit-edge-pi-b-commands",
                byTopic.get("dynasplit.edge.Pi_B.commands").path("metadata").path("name").asText(),
                "resource names must be lower-case DNS names");
    }

    @Test
    void kafkaTopicsGoToTheTopicOperatorsNamespaceWithExtraConfig() {
        Rendered rendered = render(sets("strimziTopics.enabled", true, "strimziTopics.namespace", "kafka",
                "strimziTopics.replicas", 3, "strimziTopics.extraConfig.min\\.insync\\.replicas", "2"));

        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            assertEquals("kafka", topic.path("metadata").path("namespace").asText());
            assertEquals(3, topic.path("spec").path("replicas").asInt());
            assertEquals("2", topic.path("spec").path("config").path("min.insync.replicas").asText());
        }
    }

    @Test
    void noKafkaTopicsUnlessAskedFor() {
        assertTrue(Chart.renderDefaults().ofKind("KafkaTopic").isEmpty());
    }

    @Test
    void plaintextNeedsNoSecretAndProvisionsTopicsByDefault() {
        Rendered rendered = Chart.renderDefaults();
        Map<String, String> config = stringMap(rendered.get("ConfigMap", "dynasplit-kafka").path("data"));

        assertEquals(Map.of("KAFKA_BOOTSTRAP_SERVERS", "my-cluster-kafka-bootstrap.kafka:9092",
                "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "DYNASPLIT_TOPICS_PROVISION", "true"), config);
        assertTrue(rendered.ofKind("Secret").isEmpty());
    }

    @Test
    void scramCredentialsGoIntoAChartSecretAsAJaasLine() {
        Rendered rendered = render(sets("kafka.securityProtocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism",
                "SCRAM-SHA-256", "kafka.sasl.username", "dynasplit", "kafka.sasl.password", "pa\"ss"));
        String jaas = rendered.get("Secret", "dynasplit-kafka").path("stringData").path("sasl.jaas.config").asText();

        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dynasplit\" "
                + "password=\"pa\\\"ss\";", jaas);
        assertEquals("SCRAM-SHA-256", rendered.get("ConfigMap", "dynasplit-kafka").path("data")
                .path("KAFKA_SASL_MECHANISM").asText());
        for (JsonNode workload : rendered.workloads()) {
            JsonNode ref = env(podSpec(workload).path("containers").get(0)).get("KAFKA_SASL_JAAS_CONFIG")
                    .path("valueFrom").path("secretKeyRef");
            assertEquals("dynasplit-kafka", ref.path("name").asText());
            assertEquals("sasl.jaas.config", ref.path("key").asText());
        }
    }

    @Test
    void anExistingStrimziUserSecretAndClusterCaAreUsedAsTheyAre() {
        Rendered rendered = render(sets("kafka.securityProtocol", "SASL_SSL", "kafka.sasl.existingSecret",
                "dynasplit-user", "kafka.tls.truststoreSecret", "my-cluster-cluster-ca-cert"));
        JsonNode scheduler = rendered.get("Deployment", "dynasplit-scheduler");
        Map<String, JsonNode> env = env(container(scheduler, "scheduler"));

        assertTrue(rendered.ofKind("Secret").isEmpty(), "nothing to write: both secrets exist");
        assertEquals("dynasplit-user", env.get("KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef")
                .path("name").asText());
        JsonNode password = env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD").path("valueFrom").path("secretKeyRef");
        assertEquals("my-cluster-cluster-ca-cert", password.path("name").asText());
        assertEquals("ca.password", password.path("key").asText());
        Map<String, String> config = stringMap(rendered.get("ConfigMap", "dynasplit-kafka").path("data"));
        assertEquals("/etc/dynasplit/kafka-truststore/ca.p12", config.get("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        assertEquals("PKCS12", config.get("KAFKA_SSL_TRUSTSTORE_TYPE"));
        JsonNode mount = container(scheduler, "scheduler").path("volumeMounts").get(0);
        assertEquals("/etc/dynasplit/kafka-truststore", mount.path("mountPath").asText());
        assertTrue(mount.path("readOnly").asBoolean());
        JsonNode volume = podSpec(scheduler).path("volumes").get(0);
        assertEquals("my-cluster-cluster-ca-cert", volume.path("secret").path("secretName").asText());
    }

    @Test
    void changingKafkaSettingsRollsThePods() {
        String before = checksum(Chart.renderDefaults());
        String after = checksum(render(sets("kafka.bootstrapServers", "other:9092")));

        assertFalse(before.equals(after));
    }

    private static String checksum(Rendered rendered) {
        return rendered.get("Deployment", "dynasplit-scheduler").path("spec").path("template").path("metadata")
                .path("annotations").path("checksum/kafka-config").asText();
    }
}
