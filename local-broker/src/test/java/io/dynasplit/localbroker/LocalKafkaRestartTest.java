package io.dynasplit.localbroker;

import io.dynasplit.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain local broker stopped and started again on the same log directory and port. */
class LocalKafkaRestartTest {
    static final String TOPIC = "restart-probe";

    LocalKafka kafka;

    @BeforeEach
    void start() throws Exception {
        kafka = LocalKafka.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void topicsRecordsAndCommittedOffsetsSurviveTheRestart() throws Exception {
        String before = kafka.bootstrapServers();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "before-" + i)).get();
            }
        }
        // the group reads and commits the first records, leaving the rest for after the restart
        List<String> readBefore = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("restart-group")) {
            consumer.subscribe(List.of(TOPIC));
            pollUntil(consumer, readBefore, 10);
            consumer.commitSync();
        }
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "unread-" + i)).get();
            }
        }

        long t0 = System.nanoTime();
        kafka.stop();
        long t1 = System.nanoTime();
        assertFalse(kafka.isRunning());
        assertFalse(accepts(before), "a stopped broker refuses connections");
        kafka.startAgain();
        System.out.printf("broker stopped in %d ms, started again in %d ms%n", (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
        assertTrue(kafka.isRunning());

        assertEquals(before, kafka.bootstrapServers(), "same address");
        assertTrue(accepts(before), "the restarted broker listens where it did");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertTrue(names.contains(TOPIC), "own topic kept: " + names);
            assertTrue(names.contains(Topics.REQUESTS), "provisioned topics kept: " + names);
        }
        List<String> readAfter = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("restart-group")) {
            consumer.subscribe(List.of(TOPIC));
            pollUntil(consumer, readAfter, 5);
            // a short extra poll: nothing from before the commit comes again
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> readAfter.add(r.value()));
        }
        assertEquals(Set.of("unread-0", "unread-1", "unread-2", "unread-3", "unread-4"), Set.copyOf(readAfter),
                "the group resumes at its committed offsets: " + readAfter);
        assertEquals(5, readAfter.size(), "each once: " + readAfter);
        List<String> everything = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("a-new-group")) {
            consumer.subscribe(List.of(TOPIC));
            pollUntil(consumer, everything, 15);
        }
        assertTrue(everything.containsAll(readBefore), "records written before the restart are read after it");
    }

    @Test
    void clientsConnectedAcrossTheRestartKeepWorking() throws Exception {
        try (KafkaProducer<String, String> producer = producer();
             KafkaConsumer<String, String> consumer = consumer("across-group")) {
            consumer.subscribe(List.of(TOPIC));
            producer.send(new ProducerRecord<>(TOPIC, "a", "before")).get();
            List<String> read = new ArrayList<>();
            pollUntil(consumer, read, 1);
            consumer.commitSync();

            kafka.stop();
            // the broker comes back while the clients are in use: a send may block this thread on metadata until then
            CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> {
                sleep(2_000);
                kafka.startAgain();
            });
            consumer.poll(Duration.ofMillis(500)); // the consumer meets the missing broker
            // sent while the broker is down: the producer holds and retries it
            Future<?> sentWhileDown = producer.send(new ProducerRecord<>(TOPIC, "b", "while-down"));
            restarted.get(60, TimeUnit.SECONDS);

            sentWhileDown.get(60, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(TOPIC, "c", "after")).get(60, TimeUnit.SECONDS);
            pollUntil(consumer, read, 3);
            assertEquals(List.of("before", "while-down", "after"), read.stream().sorted(
                    (x, y) -> Integer.compare(order(x), order(y))).toList(), "read by the same consumer: " + read);
            assertEquals(3, read.size(), "each once: " + read);
        }
    }

    @Test
    void stopAndStartAgainAreIdempotentAndTheBrokerRestartsTwice() throws Exception {
        kafka.stop();
        kafka.stop();
        kafka.startAgain();
        kafka.startAgain();
        kafka.stop();
        kafka.startAgain();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, "x", "after-two-restarts")).get(60, TimeUnit.SECONDS);
        }
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("twice-group")) {
            consumer.subscribe(List.of(TOPIC));
            pollUntil(consumer, read, 1);
        }
        assertEquals(List.of("after-two-restarts"), read);
    }

    @Test
    void theSecuredBrokerRefusesToRestartRatherThanLoseItsCredentials() {
        LocalKafka secured = LocalKafka.startSecured(io.dynasplit.access.AccessPlan.forDevices(List.of("pi-a")));
        try {
            assertThrows(UnsupportedOperationException.class, secured::stop);
            assertTrue(secured.isRunning());
        } finally {
            secured.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int order(String value) {
        return List.of("before", "while-down", "after").indexOf(value);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    private static void pollUntil(KafkaConsumer<String, String> consumer, List<String> into, int total) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (into.size() < total && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                into.add(r.value());
            }
        }
        assertTrue(into.size() >= total, "read " + into + ", expected " + total);
    }

    private static boolean accepts(String bootstrap) {
        int colon = bootstrap.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(bootstrap.substring(0, colon),
                    Integer.parseInt(bootstrap.substring(colon + 1))), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
