package io.dynasplit.optimizer.store;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.Topics;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.kafka.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ParetoPublisherTest {

    @Test
    void publishesTheFrontKeyedByModelAndDeviceClassWithCloudEventsHeaders() {
        String bootstrap = SharedKafka.get().bootstrapServers();
        ParetoFront front = ParetoStoreTest.sample();
        ParetoFront newer = new ParetoFront(front.schemaVersion(), front.model(), front.deviceClass(), front.version() + 1,
                front.createdAt(), front.provenance(), front.entries().subList(0, 1));
        RecordMetadata first;
        RecordMetadata second;
        try (ParetoPublisher publisher = new ParetoPublisher(KafkaClientSettings.of(bootstrap))) {
            first = publisher.publish(front);
            second = publisher.publish(newer);
        }
        assertEquals(first.partition(), second.partition());

        List<ConsumerRecord<String, byte[]>> records = readFrom(bootstrap, new TopicPartition(Topics.PARETO, first.partition()),
                first.offset(), 2);
        ConsumerRecord<String, byte[]> r = records.get(0);
        assertEquals("vit-b16@paper-pi4-coral", r.key());
        assertEquals(front, Json.read(r.value(), ParetoFront.class));
        assertEquals("1.0", CloudEventHeaders.value(r.headers(), "ce_specversion"));
        assertEquals(EventTypes.PARETO_FRONT, CloudEventHeaders.value(r.headers(), "ce_type"));
        assertEquals("/dynasplit/optimizer", CloudEventHeaders.value(r.headers(), "ce_source"));
        assertEquals(front.createdAt().toString(), CloudEventHeaders.value(r.headers(), "ce_time"));
        assertEquals("application/json", CloudEventHeaders.value(r.headers(), "content-type"));
        assertEquals(EventTypes.dataSchema(ParetoFront.class), CloudEventHeaders.value(r.headers(), "ce_dataschema"));
        assertNotNull(CloudEventHeaders.value(r.headers(), "ce_id"));
        // the later version follows under the same key: compaction keeps it
        assertEquals(r.key(), records.get(1).key());
        assertEquals(newer, Json.read(records.get(1).value(), ParetoFront.class));
        assertEquals(false, CloudEventHeaders.value(r.headers(), "ce_id").equals(CloudEventHeaders.value(records.get(1).headers(), "ce_id")));
    }

    private static List<ConsumerRecord<String, byte[]>> readFrom(String bootstrap, TopicPartition tp, long offset, int n) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (got.size() < n && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
            }
            assertEquals(n, got.size(), "records read back");
            return got;
        }
    }
}
