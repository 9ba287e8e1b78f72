package io.dynasplit.deploy.request;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Sends requests to one edge device of a running stack and follows each to its end: the result on
 * {@code dynasplit.results}, the scheduler's decision in the command it routed on the device's commands topic, or
 * the dead letter a service wrote instead. Reads only what arrives after it was opened.
 */
final class RequestWatch implements AutoCloseable {
    static final String SOURCE = "/dynasplit/request";
    /** A command is published before its result; a result whose command has not shown up waits this long for it. */
    private static final Duration DECISION_WAIT = Duration.ofSeconds(2);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, String> images = new LinkedHashMap<>();
    private final Map<String, Decision> decisions = new HashMap<>();
    private final Map<String, InferenceResult> waitingForDecision = new LinkedHashMap<>();
    private final Map<String, Long> resultArrivedNanos = new HashMap<>();

    RequestWatch(KafkaClientSettings kafka, String edgeDevice) {
        producer = new KafkaProducer<>(kafka.clientProperties(Map.of("linger.ms", 0, "acks", "all",
                "max.request.size", Topics.MAX_REQUEST_MESSAGE_BYTES)), new StringSerializer(),
                new ByteArraySerializer());
        consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of("enable.auto.commit", false,
                "max.partition.fetch.bytes", Topics.MAX_REQUEST_MESSAGE_BYTES)), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.RESULTS, Topics.DEAD_LETTERS, Topics.edgeCommands(edgeDevice))) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // from now on only
    }

    /** Publishes the request and waits for the broker's acknowledgement. */
    void submit(InferenceRequest request, String image) {
        var headers = CloudEventHeaders.json(EventTypes.INFERENCE_REQUEST,
                EventTypes.dataSchema(InferenceRequest.class), SOURCE, Instant.now());
        try {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, null, request.edgeDeviceId(), Json.write(request),
                    headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("request " + request.requestId() + " not accepted by Kafka: "
                    + e.getCause().getMessage(), e);
        }
        images.put(request.requestId(), image);
    }

    /**
     * Hands each submitted request's outcome to {@code onOutcome} as it arrives, until all have one or {@code timeout}
     * passes; returns the ids still without one.
     */
    List<String> await(Duration timeout, Consumer<RequestOutcome> onOutcome) {
        Map<String, String> open = new LinkedHashMap<>(images);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                read(record, open, onOutcome);
            }
            for (String id : List.copyOf(waitingForDecision.keySet())) {
                boolean waitedEnough = System.nanoTime() - resultArrivedNanos.get(id) > DECISION_WAIT.toNanos();
                if (decisions.containsKey(id) || waitedEnough) {
                    complete(id, waitingForDecision.remove(id), null, open, onOutcome);
                }
            }
        }
        waitingForDecision.forEach((id, result) -> complete(id, result, null, open, onOutcome));
        waitingForDecision.clear();
        return List.copyOf(open.keySet());
    }

    private void read(ConsumerRecord<String, byte[]> record, Map<String, String> open,
                      Consumer<RequestOutcome> onOutcome) {
        try {
            if (record.topic().equals(Topics.RESULTS)) {
                InferenceResult result = Json.read(record.value(), InferenceResult.class);
                if (open.containsKey(result.requestId()) && !waitingForDecision.containsKey(result.requestId())) {
                    waitingForDecision.put(result.requestId(), result);
                    resultArrivedNanos.put(result.requestId(), System.nanoTime());
                }
            } else if (record.topic().equals(Topics.DEAD_LETTERS)) {
                DeadLetter letter = Json.read(record.value(), DeadLetter.class);
                for (String id : List.copyOf(open.keySet())) {
                    if (letter.payloadExcerpt() != null && letter.payloadExcerpt().contains("\"requestId\":\"" + id + "\"")) {
                        complete(id, null, letter, open, onOutcome);
                    }
                }
            } else {
                EdgeCommand command = Json.read(record.value(), EdgeCommand.class);
                if (open.containsKey(command.request().requestId())) {
                    decisions.put(command.request().requestId(), command.decision());
                }
            }
        } catch (WireFormatException e) {
            // another client's malformed record (the services dead-letter those): not ours
        }
    }

    private void complete(String id, InferenceResult result, DeadLetter letter, Map<String, String> open,
                          Consumer<RequestOutcome> onOutcome) {
        String image = open.remove(id);
        if (image != null) {
            onOutcome.accept(new RequestOutcome(id, image, result, decisions.get(id), letter));
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
