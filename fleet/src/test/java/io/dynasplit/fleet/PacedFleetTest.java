package io.dynasplit.fleet;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.localbroker.LocalKafka;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dynasplit.fleet.EmulatedDeviceTest.SPLIT;
import static io.dynasplit.fleet.EmulatedDeviceTest.command;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A paced fleet publishes each result when its device (and the tail) would be done, not before. */
class PacedFleetTest {

    @Test
    void aPacedResultComesNoEarlierThanTheDeviceTimeItReports() throws Exception {
        List<String> devices = List.of("paced-a");
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.provisionDevices(devices);
            try (EmulatedFleet fleet = EmulatedFleet.start(FleetSettings.of(kafka.bootstrapServers(), devices)
                    .withPacingSpeedup(1));
                 var results = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                         new StringDeserializer(), new ByteArrayDeserializer());
                 var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                         new StringSerializer(), new ByteArraySerializer())) {
                List<TopicPartition> partitions = results.partitionsFor(Topics.RESULTS).stream()
                        .map(p -> new TopicPartition(Topics.RESULTS, p.partition())).toList();
                results.assign(partitions);
                results.seekToBeginning(partitions);

                long sent = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(Topics.edgeCommands("paced-a"), "paced-a",
                        Json.write(command("p1", "paced-a", SPLIT, 10_000)))).get();
                InferenceResult result = null;
                long deadline = System.currentTimeMillis() + 30_000;
                while (result == null && System.currentTimeMillis() < deadline) {
                    for (var r : results.poll(Duration.ofMillis(100))) {
                        result = Json.read(r.value(), InferenceResult.class);
                    }
                }
                long arrived = System.currentTimeMillis();

                assertTrue(result != null, "no result");
                double deviceMs = result.latency().totalMs();
                assertTrue(deviceMs > 100, "a vgg16 split takes a while on the board: " + deviceMs);
                assertTrue(arrived - sent >= deviceMs - 1, "result after " + (arrived - sent) + " ms for " + deviceMs
                        + " ms of device time");
            }
        }
    }
}
