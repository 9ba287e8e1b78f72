package io.dynasplit.localbroker;

import io.dynasplit.access.AccessPlan;
import io.dynasplit.access.Grant;
import io.dynasplit.access.Principals;
import io.dynasplit.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secured broker refuses exactly what the access plan does not grant, each with Kafka's specific error, and lets
 * through what it does (so a refusal is the ACL's, not a broken connection's).
 */
class SecuredLocalKafkaTest {
    static final AccessPlan PLAN = AccessPlan.forDevices(List.of("pi-a", "pi-b"));
    static final String PI_A = Principals.edgeDevice("pi-a");
    static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.startSecured(PLAN);
        System.out.printf("secured broker ready in %d ms at %s%n", kafka.startupMillis(), kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    Map<String, Object> client(String principal) {
        Map<String, Object> config = new HashMap<>(kafka.credentials(principal).clientProperties());
        config.put("bootstrap.servers", kafka.bootstrapServers());
        return config;
    }

    KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = client(principal);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> config = client(principal);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    static void send(KafkaProducer<String, String> producer, String topic, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "k", value)).get(20, TimeUnit.SECONDS);
    }

    /** Polls until a record with {@code value} arrives (returned) or the poll throws (thrown). */
    static String pollFor(KafkaConsumer<String, String> consumer, String value) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                if (value.equals(r.value())) {
                    return r.value();
                }
            }
        }
        throw new AssertionError("no record " + value + " within 30 s");
    }

    @Test
    void aDeviceReadsItsOwnCommandsInItsOwnGroup() throws Exception {
        String command = "for-a-" + UUID.randomUUID();
        try (var scheduler = producer(Principals.SCHEDULER)) {
            send(scheduler, Topics.edgeCommands("pi-a"), command);
        }
        try (var device = consumer(PI_A, "dynasplit-edge-pi-a")) {
            device.subscribe(List.of(Topics.edgeCommands("pi-a")));
            assertEquals(command, pollFor(device, command));
        }
    }

    @Test
    void aDeviceCannotReadAnotherDevicesCommands() {
        try (var device = consumer(PI_A, "dynasplit-edge-pi-a")) {
            device.subscribe(List.of(Topics.edgeCommands("pi-b")));
            TopicAuthorizationException e = assertThrows(TopicAuthorizationException.class,
                    () -> pollFor(device, "anything"));
            assertTrue(e.unauthorizedTopics().contains(Topics.edgeCommands("pi-b")), e.getMessage());
        }
    }

    @Test
    void aDeviceCannotJoinAnotherDevicesGroup() {
        try (var device = consumer(PI_A, "dynasplit-edge-pi-b")) {
            device.subscribe(List.of(Topics.edgeCommands("pi-a")));
            GroupAuthorizationException e = assertThrows(GroupAuthorizationException.class,
                    () -> pollFor(device, "anything"));
            assertEquals("dynasplit-edge-pi-b", e.groupId());
        }
    }

    @Test
    void aDeviceCannotWriteRequestsOrTheParetoStoreButWritesTensors() throws Exception {
        try (var device = producer(PI_A)) {
            for (String topic : List.of(Topics.REQUESTS, Topics.PARETO)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> send(device, topic, "forged"));
                TopicAuthorizationException refusal = assertInstanceOf(TopicAuthorizationException.class, e.getCause());
                assertTrue(refusal.unauthorizedTopics().contains(topic), refusal.getMessage());
            }
            send(device, Topics.CLOUD_TENSORS, "a tensor");
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        Map<String, Object> config = new HashMap<>(kafka.credentials(PI_A).withPassword("guessed").clientProperties());
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("default.api.timeout.ms", 15_000);
        config.put("request.timeout.ms", 10_000);
        try (Admin admin = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(20, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void aPlaintextClientGetsNothing() {
        Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "default.api.timeout.ms", 3_000, "request.timeout.ms", 2_000);
        try (Admin admin = Admin.create(config)) {
            // the TLS listener never answers a plaintext request: the client only ever times out
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, e.getCause());
        }
    }

    @Test
    void theUpstreamClientReadsTelemetryOnlyOnceGranted() throws Exception {
        String reading = "joules-" + UUID.randomUUID();
        try (var cloud = producer(Principals.CLOUD_NODE)) {
            send(cloud, Topics.TELEMETRY, reading);
        }
        List<TopicPartition> partitions = List.of(new TopicPartition(Topics.TELEMETRY, 0),
                new TopicPartition(Topics.TELEMETRY, 1), new TopicPartition(Topics.TELEMETRY, 2));
        try (var upstream = consumer(Principals.UPSTREAM, null)) {
            upstream.assign(partitions);
            assertThrows(TopicAuthorizationException.class, () -> pollFor(upstream, reading));
        }
        kafka.grant(List.of(Grant.topic(Principals.UPSTREAM, Topics.TELEMETRY, AclOperation.READ)));
        try (var upstream = consumer(Principals.UPSTREAM, null)) {
            upstream.assign(partitions);
            assertEquals(reading, pollFor(upstream, reading));
        }
    }

    @Test
    void theUpstreamClientWritesRequestsAndReadsResults() throws Exception {
        String request = "request-" + UUID.randomUUID();
        try (var upstream = producer(Principals.UPSTREAM)) {
            send(upstream, Topics.REQUESTS, request);
        }
        try (var scheduler = consumer(Principals.SCHEDULER, "dynasplit-scheduler")) {
            scheduler.subscribe(List.of(Topics.REQUESTS));
            assertEquals(request, pollFor(scheduler, request));
        }
    }

    @Test
    void theOperatorWatchesEveryDevicesCommandsAndTheDeadLettersButWritesNoCommand() throws Exception {
        String command = "command-" + UUID.randomUUID();
        String letter = "letter-" + UUID.randomUUID();
        try (var scheduler = producer(Principals.SCHEDULER)) {
            send(scheduler, Topics.edgeCommands("pi-b"), command);
            send(scheduler, Topics.DEAD_LETTERS, letter);
        }
        try (var operator = consumer(Principals.OPERATOR, null)) {
            operator.assign(List.of(new TopicPartition(Topics.edgeCommands("pi-b"), 0)));
            assertEquals(command, pollFor(operator, command));
        }
        try (var operator = consumer(Principals.OPERATOR, null)) {
            operator.assign(List.of(new TopicPartition(Topics.DEAD_LETTERS, 0)));
            assertEquals(letter, pollFor(operator, letter));
        }
        try (var operator = producer(Principals.OPERATOR)) {
            send(operator, Topics.REQUESTS, "request-" + UUID.randomUUID());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> send(operator, Topics.edgeCommands("pi-a"), "forged"));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }
}
