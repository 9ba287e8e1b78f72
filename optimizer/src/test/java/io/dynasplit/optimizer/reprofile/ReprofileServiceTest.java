package io.dynasplit.optimizer.reprofile;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.Topics;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.kafka.SharedKafka;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optimizer as a service on a real broker: stale fronts in, newer fronts out, bad requests dead-lettered. */
class ReprofileServiceTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();
    private static final String CLASS = TESTBED.edgeDeviceClass();

    private static ReprofileRequest request(String model, String deviceClass, long version) {
        return new ReprofileRequest(ReprofileRequest.SCHEMA_VERSION, model, deviceClass, version, "test criterion",
                List.of(new ReprofileRequest.DriftEvidence(new SplitConfig(model, 22, 1200, AcceleratorMode.OFF, false),
                        800, 4, 3, 1.8, 1.8)), 40, "/test", Instant.now());
    }

    @Test
    void answersAStaleFrontWithANewerVersionSkipsItOnceReplacedAndDeadLettersWhatItCannotAnswer() throws Exception {
        String bootstrap = SharedKafka.get().bootstrapServers();
        long paretoStart = end(bootstrap, Topics.PARETO);
        long dlqStart = end(bootstrap, Topics.DEAD_LETTERS);
        List<String> log = new ArrayList<>();
        Reprofiler reprofiler = new Reprofiler(() -> new ProfileEvaluator(TESTBED), Budget.count(40), 7,
                Clock.systemUTC());
        ReprofileService service = new ReprofileService(KafkaClientSettings.of(bootstrap), reprofiler,
                Clock.systemUTC(), line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                });
        Thread thread = new Thread(service, "reprofile-service");
        thread.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            ReprofileRequest stale = request("vgg16", CLASS, 5);
            producer.send(new ProducerRecord<>(Topics.REPROFILE, stale.key(), Json.write(stale))).get();
            // a second scheduler asking about the same version: already answered
            producer.send(new ProducerRecord<>(Topics.REPROFILE, stale.key(), Json.write(stale))).get();
            producer.send(new ProducerRecord<>(Topics.REPROFILE, "x", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            ReprofileRequest otherClass = request("vgg16", "jetson-nano", 5);
            producer.send(new ProducerRecord<>(Topics.REPROFILE, otherClass.key(), Json.write(otherClass))).get();
            ReprofileRequest unknown = request("no-such-net", CLASS, 5);
            producer.send(new ProducerRecord<>(Topics.REPROFILE, unknown.key(), Json.write(unknown))).get();

            List<ConsumerRecord<String, byte[]>> fronts = read(bootstrap, Topics.PARETO, paretoStart,
                    r -> r.key().equals("vgg16@" + CLASS), 1);
            ParetoFront front = Json.read(fronts.get(0).value(), ParetoFront.class);
            assertEquals("vgg16", front.model());
            assertEquals(CLASS, front.deviceClass());
            assertTrue(front.version() > 5, "a newer version than the stale one: " + front.version());
            assertTrue(front.entries().size() > 3);
            assertTrue(front.provenance().algorithm().startsWith("NSGA-III"), front.provenance().algorithm());

            List<DeadLetter> letters = read(bootstrap, Topics.DEAD_LETTERS, dlqStart,
                    r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains("\"optimizer\""), 3)
                    .stream().map(r -> Json.read(r.value(), DeadLetter.class)).toList();
            assertTrue(letters.get(0).reason().startsWith("unreadable reprofile request"), letters.get(0).reason());
            assertTrue(letters.get(1).reason().contains("profiles device class " + CLASS + ", not jetson-nano"),
                    letters.get(1).reason());
            assertTrue(letters.get(2).reason().contains("unknown model 'no-such-net'"), letters.get(2).reason());
            letters.forEach(l -> assertEquals(Topics.REPROFILE, l.sourceTopic()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (service.skipped() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, service.published(), "one front for the two requests about v5: " + log);
            assertEquals(1, service.skipped());
            assertEquals(3, service.refused());
        } finally {
            service.close();
            thread.join(20_000);
        }
    }

    private static long end(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()));
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, long from,
                                                             Predicate<ConsumerRecord<String, byte[]>> wanted, int n) {
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seek(tp, from);
            List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (got.size() < n && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (wanted.test(r)) {
                        got.add(r);
                    }
                });
            }
            assertEquals(n, got.size(), "records on " + topic);
            return got;
        }
    }
}
