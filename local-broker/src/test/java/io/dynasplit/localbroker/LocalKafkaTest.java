package io.dynasplit.localbroker;

import io.dynasplit.contracts.TopicSpec;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalKafkaTest {
    static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.start();
        System.out.printf("local broker ready in %d ms at %s%n", kafka.startupMillis(), kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void sharedTopicsExistWithTheirSettings() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            for (TopicSpec spec : Topics.all()) {
                assertTrue(names.contains(spec.name()), spec.name());
                int partitions = admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name())
                        .partitions().size();
                assertEquals(spec.partitions(), partitions, spec.name());
            }
        }
    }

    @Test
    void theLargestTensorTravelsThroughTheBroker() {
        kafka.provisionDevices(List.of("size-probe"));
        byte[] payload = new byte[64 * 224 * 224 * 4 + 2048]; // VGG16 l=1 in fp32 plus a frame header
        payload[payload.length - 1] = 7;
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_TENSOR_MESSAGE_BYTES);
        try (var producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLOUD_TENSORS, "big".getBytes(), payload)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "size-probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_TENSOR_MESSAGE_BYTES);
        try (var consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CLOUD_TENSORS));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if ("big".equals(new String(r.key()))) {
                        assertArrayEquals(payload, r.value());
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the 12.8 MB record did not come back");
    }

    @Test
    void anUndersizedTopicFailsTheCheckWithTheReason() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("undersized", 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "1000")))).all().get();
        }
        TopicSpec needsMore = new TopicSpec("undersized", 1, "delete", 1000, Topics.MAX_TENSOR_MESSAGE_BYTES, "k", "v", "t");
        try (TopicProvisioner provisioner = new TopicProvisioner(kafka.bootstrapServers())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> provisioner.ensure(List.of(needsMore)));
            assertTrue(e.getMessage().contains("max.message.bytes=1000"), e.getMessage());
        }
    }
}
