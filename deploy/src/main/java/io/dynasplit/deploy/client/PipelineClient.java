package io.dynasplit.deploy.client;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * An upstream service as DynaSplit sees it: publishes {@link InferenceRequest}s (keyed by edge device, with
 * CloudEvents headers) and reads the {@link InferenceResult}s that come back. Counts every result it sees, so
 * duplicates show.
 */
public final class PipelineClient implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<InferenceResult>> seen = new LinkedHashMap<>();

    public PipelineClient(String bootstrapServers) {
        this(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** @param connection bootstrap servers plus, on a secured broker, the upstream principal's SASL and TLS settings */
    public PipelineClient(Map<String, Object> connection) {
        Map<String, Object> producerConfig = new java.util.HashMap<>(connection);
        producerConfig.putAll(Map.of("linger.ms", 0, "acks", "all", "max.request.size", Topics.MAX_REQUEST_MESSAGE_BYTES));
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new java.util.HashMap<>(connection);
        consumerConfig.put("enable.auto.commit", false);
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // results from now on only
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public void submit(InferenceRequest request) {
        try {
            send(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("request " + request.requestId() + " not accepted: " + e.getCause(), e);
        }
    }

    /**
     * Publishes without waiting (throughput runs); {@link #await} then collects the results. The returned future says
     * whether, and where, the broker took the request.
     */
    public java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> submitAsync(
            InferenceRequest request) {
        return send(request);
    }

    private java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(InferenceRequest request) {
        var headers = CloudEventHeaders.json(EventTypes.INFERENCE_REQUEST, EventTypes.dataSchema(InferenceRequest.class),
                "/dynasplit/client", Instant.now());
        return producer.send(new ProducerRecord<>(Topics.REQUESTS, null, request.edgeDeviceId(), Json.write(request),
                headers));
    }

    /** Publishes raw bytes to a topic (for tests that feed bad records). */
    public void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits until every id in {@code requestIds} has a result, or the timeout passes; returns the first result of each
     * id that arrived. {@code onResult} sees each result as it arrives.
     */
    public Map<String, InferenceResult> await(Collection<String> requestIds, Duration timeout,
                                              Consumer<InferenceResult> onResult) {
        Set<String> wanted = new HashSet<>(requestIds);
        Map<String, InferenceResult> found = new LinkedHashMap<>();
        for (String id : requestIds) {
            List<InferenceResult> earlier = seen.get(id);
            if (earlier != null) {
                found.put(id, earlier.get(0));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < wanted.size() && System.nanoTime() < deadline) {
            for (InferenceResult r : poll(Duration.ofMillis(100))) {
                if (wanted.contains(r.requestId()) && !found.containsKey(r.requestId())) {
                    found.put(r.requestId(), r);
                    if (onResult != null) {
                        onResult.accept(r);
                    }
                }
            }
        }
        return found;
    }

    /** Keeps reading for {@code quiet} and returns how many results each request id has had in total. */
    public Map<String, Integer> resultCounts(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        seen.forEach((id, list) -> counts.put(id, list.size()));
        return counts;
    }

    /** Every result seen so far for one request, in arrival order. */
    public List<InferenceResult> resultsOf(String requestId) {
        return List.copyOf(seen.getOrDefault(requestId, List.of()));
    }

    private List<InferenceResult> poll(Duration wait) {
        List<InferenceResult> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> rec : consumer.poll(wait)) {
            InferenceResult r = Json.read(rec.value(), InferenceResult.class);
            seen.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r);
            batch.add(r);
        }
        return batch;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
