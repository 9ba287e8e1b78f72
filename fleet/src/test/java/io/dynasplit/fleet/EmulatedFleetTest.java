package io.dynasplit.fleet;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.localbroker.LocalKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dynasplit.fleet.EmulatedDeviceTest.SPLIT;
import static io.dynasplit.fleet.EmulatedDeviceTest.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet on the real in-JVM broker: each device's topic, one result per command, dead letters with reasons. */
class EmulatedFleetTest {
    static final List<String> DEVICES = FleetSettings.deviceIds("fleet-test-", 50);
    static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.start();
        kafka.provisionDevices(DEVICES);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void devicesWithoutACommandsTopicAreRefusedAtOnceNamingThem() {
        List<String> devices = new java.util.ArrayList<>(DEVICES.subList(0, 2));
        devices.add("fleet-unprovisioned-1");
        long t0 = System.nanoTime();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EmulatedFleet.start(FleetSettings.of(kafka.bootstrapServers(), devices)));
        assertEquals("1 of 3 devices have no commands topic on " + kafka.bootstrapServers()
                + " (fleet-unprovisioned-1): provision them first, or give the --device-prefix and --devices of"
                + " devices that have one", e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "before any wait for offsets");
    }

    @Test
    void everyDeviceAnswersItsOwnTopicOncePerRequestAndRefusesWhatIsNotItsOwn() throws Exception {
        try (EmulatedFleet fleet = EmulatedFleet.start(FleetSettings.of(kafka.bootstrapServers(), DEVICES));
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            for (String device : DEVICES) {
                for (int i = 0; i < 2; i++) {
                    send(producer, device, Json.write(command(device + "-r" + i, device, SPLIT, 10_000)));
                }
            }
            // redelivery of one command, a record that is no command, and a command on another device's topic
            send(producer, DEVICES.get(0), Json.write(command(DEVICES.get(0) + "-r0", DEVICES.get(0), SPLIT, 10_000)));
            send(producer, DEVICES.get(1), "not json".getBytes(StandardCharsets.UTF_8));
            send(producer, DEVICES.get(2), Json.write(command("stray", DEVICES.get(3), SPLIT, 10_000)));
            producer.flush();

            List<ConsumerRecord<String, byte[]>> results = readAll(Topics.RESULTS, 2 * DEVICES.size());
            List<ConsumerRecord<String, byte[]>> letters = readAll(Topics.DEAD_LETTERS, 2);

            Map<String, InferenceResult> byId = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : results) {
                InferenceResult result = Json.read(r.value(), InferenceResult.class);
                assertEquals(result.requestId(), r.key(), "results are keyed by request id");
                assertEquals(null, byId.put(result.requestId(), result), "one result per request");
                assertTrue(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                        .endsWith("inference.result.v1"));
            }
            assertEquals(2 * DEVICES.size(), byId.size());
            for (String device : DEVICES) {
                InferenceResult second = byId.get(device + "-r1");
                assertEquals(device, second.edgeDeviceId());
                assertTrue(second.latency().queueMs() > 0, "the second command queued behind the first: " + second);
            }
            List<String> reasons = letters.stream().map(r -> Json.read(r.value(), DeadLetter.class))
                    .map(l -> l.errorType() + ": " + l.reason()).sorted().toList();
            assertTrue(reasons.get(0).startsWith("invalid: command for device '" + DEVICES.get(3) + "'"), reasons.toString());
            assertTrue(reasons.get(1).startsWith("malformed: not an EdgeCommand"), reasons.toString());
            assertEquals(2 * DEVICES.size() + 3, fleet.commandsRead());
            assertEquals(2 * DEVICES.size(), fleet.resultsPublished());
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String device, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.edgeCommands(device), device, value));
    }

    /** Reads {@code topic} from the beginning until {@code n} records came, then a moment more for any extra. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int n) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= n && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return out;
    }
}
