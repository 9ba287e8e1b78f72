package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.access.AccessPlan;
import io.dynasplit.access.Principals;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.dynasplit.k8s.Chart.render;
import static io.dynasplit.k8s.Chart.sets;
import static io.dynasplit.k8s.Rendered.container;
import static io.dynasplit.k8s.Rendered.env;
import static io.dynasplit.k8s.Rendered.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart's Strimzi KafkaUsers against the access plan, and each service logging in as its own user. */
class KafkaUsersTest {
    static final List<String> DEVICES = List.of("pi4-01", "Pi_B");

    static Map<String, Object> secured(Object... more) {
        Map<String, Object> sets = sets("strimziUsers.enabled", true, "strimziUsers.cluster", "my-cluster",
                "kafka.securityProtocol", "SASL_SSL", "kafka.tls.truststoreSecret", "my-cluster-cluster-ca-cert",
                "edge.devices[0].id", DEVICES.get(0), "edge.devices[1].id", DEVICES.get(1));
        sets.putAll(sets(more));
        return sets;
    }

    /** A KafkaUser's ACLs as the bindings a broker would hold: one per operation, principal User:<name>. */
    static Set<AclBinding> bindings(JsonNode user) {
        String principal = Principals.kafkaPrincipal(user.path("metadata").path("name").asText());
        Set<AclBinding> bindings = new HashSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourcePattern pattern = new ResourcePattern(
                    ResourceType.fromString(resource.path("type").asText()), resource.path("name").asText(),
                    resource.path("patternType").asText().equals("prefix") ? PatternType.PREFIXED : PatternType.LITERAL);
            for (JsonNode op : acl.path("operations")) {
                AclOperation operation = AclOperation.fromString(
                        op.asText().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
                bindings.add(new AclBinding(pattern, new AccessControlEntry(principal, acl.path("host").asText(),
                        operation, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    @Test
    void oneKafkaUserPerServiceAndListedDeviceWhoseAclsAreThePlansBindings() {
        Rendered rendered = render(secured());
        AccessPlan plan = AccessPlan.forDevices(DEVICES);
        List<JsonNode> users = rendered.ofKind("KafkaUser");

        assertEquals(plan.principals().stream().sorted().toList(),
                users.stream().map(u -> u.path("metadata").path("name").asText()).sorted().toList());
        Set<AclBinding> rendersAs = new HashSet<>();
        for (JsonNode user : users) {
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText());
            assertEquals("simple", user.path("spec").path("authorization").path("type").asText());
            assertEquals("my-cluster", user.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            rendersAs.addAll(bindings(user));
        }
        // exactly what the secured local broker is given (LocalKafka.startSecured: plan.aclBindings())
        assertEquals(Set.copyOf(plan.aclBindings()), rendersAs);
    }

    @Test
    void eachServiceLogsInFromItsOwnUsersSecretAndEachDeviceRunsOnItsOwnNode() {
        Rendered rendered = render(secured());
        Map<String, String> userOf = Map.of("dynasplit-scheduler", Principals.SCHEDULER,
                "dynasplit-cloud-node", Principals.CLOUD_NODE,
                "dynasplit-edge-node-pi4-01", Principals.edgeDevice("pi4-01"),
                "dynasplit-edge-node-pi-b", Principals.edgeDevice("Pi_B"));
        for (JsonNode workload : rendered.workloads()) {
            String name = workload.path("metadata").path("name").asText();
            // the optimizer Job and the reprofile service are the optimizer
            String expected = name.startsWith("dynasplit-optimizer") || name.equals("dynasplit-reprofile")
                    ? Principals.OPTIMIZER : userOf.get(name);
            JsonNode jaas = env(podSpec(workload).path("containers").get(0)).get("KAFKA_SASL_JAAS_CONFIG");
            assertEquals(expected, jaas.path("valueFrom").path("secretKeyRef").path("name").asText(), name);
            assertEquals("sasl.jaas.config", jaas.path("valueFrom").path("secretKeyRef").path("key").asText(), name);
        }
        assertEquals(2, rendered.ofKind("DaemonSet").size());
        JsonNode piB = rendered.get("DaemonSet", "dynasplit-edge-node-pi-b");
        assertEquals("Pi_B", podSpec(piB).path("nodeSelector").path("kubernetes.io/hostname").asText());
        assertEquals("pi-b", piB.path("spec").path("selector").path("matchLabels").path("dynasplit.io/edge-device").asText());
        assertTrue(env(container(piB, "edge-node")).containsKey("DYNASPLIT_EDGE_DEVICE_ID"));
        assertTrue(rendered.ofKind("Secret").isEmpty(), "no shared credentials: " + rendered.names());
    }

    @Test
    void withoutStrimziUsersOneDaemonSetServesEveryBoard() {
        Rendered rendered = render(sets("edge.devices[0].id", "pi4-01", "edge.devices[1].id", "Pi_B"));
        assertEquals(List.of("dynasplit-edge-node"), rendered.ofKind("DaemonSet").stream()
                .map(d -> d.path("metadata").path("name").asText()).toList());
        assertTrue(rendered.ofKind("KafkaUser").isEmpty());
    }

    @Test
    void strimziUsersNeedSaslAndListedDevices() {
        Exception plaintext = assertThrows(Exception.class, () -> render(secured("kafka.securityProtocol", "PLAINTEXT")));
        assertTrue(plaintext.getMessage().contains("set kafka.securityProtocol to SASL_SSL"), plaintext.getMessage());
        Exception noDevices = assertThrows(Exception.class, () -> render(sets("strimziUsers.enabled", true,
                "kafka.securityProtocol", "SASL_SSL", "kafka.tls.truststoreSecret", "ca")));
        assertTrue(noDevices.getMessage().contains("list the boards in edge.devices"), noDevices.getMessage());
    }
}
