package io.dynasplit.fleet;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.emulated.EmulationOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * N emulated edge devices in one process. Each device reads only its own commands topic
 * ({@code dynasplit.edge.<id>.commands}) and publishes the result its edge node and the cloud tail would.
 *
 * <p>One consumer is assigned every device's topic and hands each record to its device: one fetch session covers the
 * whole fleet (Kafka's incremental fetch sends only partitions that changed), where a consumer per device would cost
 * a thread, a connection and a fetch loop each: 1,000 of them would spend the two cores polling empty topics. The
 * device, not the consumer, is what keeps one device's commands apart: it refuses a command for another device, and
 * it queues its own commands in device time. The consumer is assigned, not subscribed: no group, no rebalance, and it
 * starts at the end of each topic, as a device that just came up.
 */
public final class EmulatedFleet implements AutoCloseable {
    private static final String SOURCE = "urn:dynasplit:fleet";
    /** Recent request ids with a result: a redelivered command must not yield a second result. */
    private static final int REMEMBERED_REQUESTS = 200_000;

    private final FleetSettings settings;
    private final CommandObserver observer;
    private final Map<String, EmulatedDevice> deviceByTopic = new HashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService pacer;
    private final Thread poller;
    private final LongAdder commands = new LongAdder();
    private final LongAdder results = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final Map<String, Boolean> answered = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    };
    private volatile boolean running = true;

    private EmulatedFleet(FleetSettings settings, CommandObserver observer) {
        this.settings = settings;
        this.observer = observer;
        TestbedModel testbed = Testbeds.create(settings.testbed());
        EmulationOptions options = EmulationOptions.defaults().withSpeedup(settings.clockSpeedup());
        for (int i = 0; i < settings.deviceIds().size(); i++) {
            String id = settings.deviceIds().get(i);
            EmulationOptions own = settings.noise() ? options.withNoise(settings.seed() * 1_000_003L + i) : options;
            deviceByTopic.put(Topics.edgeCommands(id), new EmulatedDevice(testbed, id, own));
        }
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // the commands topics' max.message.bytes: a command as large as the topic admits must be fetchable
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_REQUEST_MESSAGE_BYTES,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
        pacer = settings.pacingSpeedup() > 0 ? Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fleet-pacer"))
                : null;
        List<TopicPartition> partitions = deviceByTopic.keySet().stream().map(t -> new TopicPartition(t, 0)).toList();
        try {
            requireCommandsTopics(consumer.listTopics(Duration.ofSeconds(30)).keySet());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the first call resolves every end offset in one request
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            throw e instanceof IllegalArgumentException missingTopics ? missingTopics
                    : new IllegalStateException("the fleet cannot reach its commands topics: " + e.getMessage(), e);
        }
        poller = daemon(this::pollLoop, "fleet-poll");
    }

    /**
     * Refuses devices whose commands topic the broker does not have: the fleet reads topics, it does not create them
     * (the chart's provisioning and {@code bench --fleet} do), and a missing one would otherwise cost a minute's
     * wait for its offsets and a message about reaching the broker.
     */
    private void requireCommandsTopics(Set<String> existing) {
        List<String> missing = settings.deviceIds().stream()
                .filter(id -> !existing.contains(Topics.edgeCommands(id))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " of " + settings.deviceIds().size() + " devices have no"
                    + " commands topic on " + settings.bootstrapServers() + " (" + String.join(", ",
                    missing.subList(0, Math.min(5, missing.size()))) + (missing.size() > 5 ? ", ..." : "")
                    + "): provision them first, or give the --device-prefix and --devices of devices that have one");
        }
    }

    /** Assigns every device's topic at its end, then starts reading: commands sent after this returns are served. */
    public static EmulatedFleet start(FleetSettings settings) {
        return start(settings, CommandObserver.NONE);
    }

    /** As {@link #start(FleetSettings)}, and {@code observer} sees each accepted command (benchmarks time them). */
    public static EmulatedFleet start(FleetSettings settings, CommandObserver observer) {
        EmulatedFleet fleet = new EmulatedFleet(settings, observer);
        fleet.poller.start();
        return fleet;
    }

    public FleetSettings settings() {
        return settings;
    }

    /** The device reading {@code deviceId}'s topic. */
    public EmulatedDevice device(String deviceId) {
        EmulatedDevice device = deviceByTopic.get(Topics.edgeCommands(deviceId));
        if (device == null) {
            throw new IllegalArgumentException("no device " + deviceId + " in this fleet");
        }
        return device;
    }

    public long commandsRead() {
        return commands.sum();
    }

    public long resultsPublished() {
        return results.sum();
    }

    public long deadLettersPublished() {
        return deadLetters.sum();
    }

    private void pollLoop() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                long arrivalMillis = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    commands.increment();
                    handle(record, arrivalMillis);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record, long arrivalMillis) {
        EmulatedDevice device = deviceByTopic.get(record.topic());
        EdgeCommand command;
        try {
            command = Json.read(record.value(), EdgeCommand.class);
        } catch (RuntimeException e) {
            deadLetter(record, "malformed", "not an EdgeCommand: " + e.getMessage());
            return;
        }
        EmulatedDevice.Completion done;
        try {
            done = device.run(command, arrivalMillis);
        } catch (RejectedCommandException e) {
            deadLetter(record, e.reason(), e.getMessage());
            return;
        }
        if (answered.put(command.request().requestId(), Boolean.TRUE) != null) {
            return; // redelivered: its result is out already
        }
        observer.accepted(command, record.timestamp(),
                record.timestampType() == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        if (pacer == null) {
            publish(done.result());
        } else {
            long delay = Math.max(0, (long) Math.ceil(done.finishWallMillis()) - System.currentTimeMillis());
            pacer.schedule(() -> publish(done.result()), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void publish(InferenceResult result) {
        producer.send(record(Topics.RESULTS, result.requestId(), Json.write(result), EventTypes.INFERENCE_RESULT,
                InferenceResult.class));
        results.increment();
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, String message) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        DeadLetter letter = new DeadLetter(DeadLetter.SCHEMA_VERSION, "fleet", record.topic(), record.partition(),
                record.offset(), record.key(), message, reason, DeadLetter.excerpt(value), value.length, Instant.now());
        producer.send(record(Topics.DEAD_LETTERS, record.key(), Json.write(letter), EventTypes.DEAD_LETTER,
                DeadLetter.class));
        deadLetters.increment();
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value, String type,
                                                         Class<?> eventClass) {
        RecordHeaders headers = new RecordHeaders();
        EventTypes.binaryHeaders(type, EventTypes.dataSchema(eventClass), SOURCE, Instant.now(), key, "application/json")
                .forEach((name, v) -> headers.add(name, v.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops reading; results already due are published (paced ones that are not yet due are dropped). */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pacer != null) {
            pacer.shutdownNow();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
