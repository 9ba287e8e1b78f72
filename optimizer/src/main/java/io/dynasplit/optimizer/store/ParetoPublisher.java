package io.dynasplit.optimizer.store;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.Topics;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes fronts to the compacted {@link Topics#PARETO} topic, keyed by {@link ParetoFront#key()}, so the topic
 * keeps the latest front of every (model, device class) and the scheduler picks new versions up live.
 */
public final class ParetoPublisher implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private final KafkaProducer<String, byte[]> producer;

    public ParetoPublisher(KafkaClientSettings kafka) {
        this.producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName(),
                "acks", "all",
                "max.block.ms", Long.toString(SEND_TIMEOUT.toMillis()),
                "client.id", "dynasplit-optimizer-pareto")));
    }

    /** Sends and waits for the broker's acknowledgement. */
    public RecordMetadata publish(ParetoFront front) {
        byte[] json = Json.write(front);
        if (json.length > Topics.MAX_CONTROL_MESSAGE_BYTES) {
            throw new IllegalArgumentException("the front is " + json.length + " bytes, over the topic's limit of "
                    + Topics.MAX_CONTROL_MESSAGE_BYTES);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PARETO, null, front.key(), json,
                CloudEventHeaders.json(EventTypes.PARETO_FRONT, EventTypes.dataSchema(ParetoFront.class),
                        CloudEventHeaders.OPTIMIZER_SOURCE, front.createdAt() != null ? front.createdAt() : Instant.now()));
        try {
            return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + front.key(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish the front " + front.key() + " to " + Topics.PARETO, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
