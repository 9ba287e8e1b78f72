package io.dynasplit.servicekit.startup;

import io.dynasplit.access.AccessPlan;
import io.dynasplit.access.Principals;
import io.dynasplit.contracts.Topics;
import io.dynasplit.localbroker.LocalKafka;
import io.dynasplit.servicekit.startup.KafkaLimitsCheck.Channel;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up access check against the secured local broker given the access plan. */
class AccessCheckTest {
    static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.startSecured(AccessPlan.forDevices(List.of("pi-a", "pi-b")));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static Map<String, Object> client(String principal) {
        Map<String, Object> config = new HashMap<>(kafka.credentials(principal).clientProperties());
        config.put("bootstrap.servers", kafka.bootstrapServers());
        return config;
    }

    /** service-kit's shared defaults, then the service's own file over them, as Quarkus layers them. */
    static Properties shippedProperties(String service) throws IOException {
        Properties properties = new Properties();
        for (Path file : List.of(Path.of("src/main/resources/META-INF/microprofile-config.properties"),
                Path.of("..", service, "src/main/resources/application.properties"))) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }

    static String expand(String value, Properties properties) {
        return value.replace("${dynasplit.edge.device-id}", properties.getProperty("dynasplit.edge.device-id", ""))
                .replace("${quarkus.uuid}", UUID.randomUUID().toString());
    }

    static List<AccessCheck.Need> shippedNeeds(String service) throws IOException {
        Properties properties = shippedProperties(service);
        List<Channel> channels = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            String[] parts = name.split("\\.");
            if (parts.length == 5 && name.startsWith("mp.messaging.") && parts[4].equals("topic")) {
                channels.add(new Channel(parts[2], parts[3], expand(properties.getProperty(name), properties)));
            }
        }
        return AccessCheck.needs(channels, key -> Optional.ofNullable(properties.getProperty(key))
                .map(v -> expand(v, properties)), true);
    }

    @Test
    void everyServicesShippedChannelsAreAllowedForItsPrincipal() throws IOException {
        Map<String, String> principalOf = Map.of("scheduler", Principals.SCHEDULER,
                "edge-node", Principals.edgeDevice("pi-a"), "cloud-node", Principals.CLOUD_NODE);
        principalOf.forEach((service, principal) -> {
            try {
                List<AccessCheck.Need> needs = shippedNeeds(service);
                assertTrue(needs.size() >= 4, service + ": " + needs);
                assertEquals(List.of(), AccessCheck.problems(client(principal), needs), service);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void anEdgeNodeConfiguredForAnotherDeviceFailsNamingTheTopicAndTheGroup() {
        List<AccessCheck.Need> needs = AccessCheck.needs(List.of(
                        new Channel("incoming", "commands", Topics.edgeCommands("pi-b"))),
                key -> key.equals("mp.messaging.incoming.commands.group.id") ? Optional.of("dynasplit-edge-pi-b")
                        : Optional.empty(), false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccessCheck.verify(client(Principals.edgeDevice("pi-a")), needs));
        assertEquals("Kafka does not allow user dynasplit-edge-pi-a to do what this service needs:"
                + " may not READ on topic dynasplit.edge.pi-b.commands (channel commands);"
                + " may not READ on group dynasplit-edge-pi-b (channel commands)."
                + " Grant it (docs/security.md, the access plan) or fix kafka.sasl.jaas.config", e.getMessage());
    }

    @Test
    void aServiceWithoutAGrantToWriteFailsNamingTheTopic() {
        List<AccessCheck.Need> needs = AccessCheck.needs(List.of(new Channel("outgoing", "results", Topics.RESULTS)),
                key -> Optional.empty(), true);
        List<String> problems = AccessCheck.problems(client(Principals.OPTIMIZER), needs);
        assertEquals(List.of("may not WRITE on topic dynasplit.results (channel results)",
                "may not DESCRIBE_CONFIGS on topic dynasplit.results (the start-up check of max.message.bytes)"),
                problems);
    }

    @Test
    void aWrongPasswordFailsNamingTheUser() {
        Map<String, Object> config = new HashMap<>(kafka.credentials(Principals.CLOUD_NODE).withPassword("nope")
                .clientProperties());
        config.put("bootstrap.servers", kafka.bootstrapServers());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AccessCheck.verify(config,
                List.of(new AccessCheck.Need(ResourceType.TOPIC, Topics.CLOUD_TENSORS, AclOperation.READ, "x"))));
        assertTrue(e.getMessage().startsWith("Kafka refused the login of user dynasplit-cloud-node"), e.getMessage());
    }

    @Test
    void theSchedulersCommandsChannelNeedsEveryListedDevicesTopic() {
        List<AccessCheck.Need> needs = AccessCheck.needs(List.of(new Channel("outgoing", "commands",
                "dynasplit.edge.per-device")), key -> key.equals("dynasplit.scheduler.devices")
                ? Optional.of("pi-a=paper-pi4-coral, pi-b=lab") : Optional.empty(), false);
        assertEquals(List.of(Topics.edgeCommands("pi-a"), Topics.edgeCommands("pi-b")),
                needs.stream().map(AccessCheck.Need::name).toList());
    }
}
