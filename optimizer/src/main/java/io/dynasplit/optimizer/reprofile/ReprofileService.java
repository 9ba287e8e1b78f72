package io.dynasplit.optimizer.reprofile;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.store.ParetoPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The optimizer as a service: reads {@link ReprofileRequest}s from {@link Topics#REPROFILE}, profiles the stale
 * model again ({@link Reprofiler}) and publishes the new front on the compacted {@link Topics#PARETO}, where the
 * scheduler replaces the stale one in place. It also follows the Pareto topic, so a request about a front some other
 * run already replaced is skipped. A request it cannot read or answer goes to {@link Topics#DEAD_LETTERS} with the
 * reason. Offsets are committed after each request is answered: a restart answers the unanswered ones again.
 *
 * <p>{@link #run} blocks until {@link #close} (from another thread).
 */
public final class ReprofileService implements Runnable, AutoCloseable {
    public static final String GROUP = "dynasplit-optimizer-reprofile";
    private static final System.Logger LOG = System.getLogger(ReprofileService.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaClientSettings kafka;
    private final Reprofiler reprofiler;
    private final Clock clock;
    private final Consumer<String> log;
    private final KafkaConsumer<String, byte[]> requests;
    private final KafkaConsumer<String, byte[]> fronts;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;

    /** @param log where each answer is told, one line (the CLI prints them; null: the JDK logger at INFO) */
    public ReprofileService(KafkaClientSettings kafka, Reprofiler reprofiler, Clock clock, Consumer<String> log) {
        this.kafka = kafka;
        this.reprofiler = reprofiler;
        this.clock = clock;
        this.log = log != null ? log : line -> LOG.log(System.Logger.Level.INFO, line);
        this.requests = new KafkaConsumer<>(kafka.clientProperties(Map.of(
                "group.id", GROUP,
                "enable.auto.commit", "false",
                "auto.offset.reset", "earliest",
                "max.poll.records", "1",
                // one request can take minutes on live devices; the group must not drop the consumer meanwhile
                "max.poll.interval.ms", Long.toString(TimeUnit.HOURS.toMillis(2)),
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(),
                "client.id", "dynasplit-optimizer-reprofile")));
        // no group: every replica reads the whole compacted topic to know the newest versions
        this.fronts = new KafkaConsumer<>(kafka.clientProperties(Map.of(
                "auto.offset.reset", "earliest",
                "enable.auto.commit", "false",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(),
                "client.id", "dynasplit-optimizer-fronts")));
    }

    @Override
    public void run() {
        var partitions = fronts.partitionsFor(Topics.PARETO).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
        fronts.assign(partitions);
        fronts.seekToBeginning(partitions);
        requests.subscribe(List.of(Topics.REPROFILE));
        try (ParetoPublisher publisher = new ParetoPublisher(kafka);
             KafkaProducer<String, byte[]> deadLetters = new KafkaProducer<>(kafka.clientProperties(Map.of(
                     "key.serializer", StringSerializer.class.getName(),
                     "value.serializer", ByteArraySerializer.class.getName(),
                     "acks", "all",
                     "client.id", "dynasplit-optimizer-dlq")))) {
            while (running) {
                followFronts();
                for (ConsumerRecord<String, byte[]> record : requests.poll(POLL)) {
                    followFronts();
                    handle(record, publisher, deadLetters);
                    requests.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            requests.close(Duration.ofSeconds(5));
            fronts.close(Duration.ofSeconds(5));
        }
    }

    private void followFronts() {
        for (ConsumerRecord<String, byte[]> r : fronts.poll(Duration.ZERO)) {
            try {
                reprofiler.known(Json.read(r.value(), ParetoFront.class));
            } catch (WireFormatException | NullPointerException e) {
                // the scheduler dead-letters unreadable fronts; here one only says nothing about versions
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record, ParetoPublisher publisher,
                        KafkaProducer<String, byte[]> deadLetters) {
        ReprofileRequest request;
        try {
            request = Json.read(record.value(), ReprofileRequest.class);
        } catch (WireFormatException e) {
            refuse(record, "unreadable reprofile request: " + e.getMessage(), "WireFormatException", deadLetters);
            return;
        }
        long started = System.nanoTime();
        Reprofiler.Answer answer = reprofiler.answer(request);
        if (answer instanceof Reprofiler.Publish p) {
            publisher.publish(p.front());
            published.incrementAndGet();
            log.accept(String.format(java.util.Locale.ROOT, "re-profiled %s: v%d stale (%d configuration(s) off their "
                            + "profile) -> v%d, %d entries, %.1f s", request.key(), request.frontVersion(),
                    request.evidence().size(), p.front().version(), p.front().entries().size(),
                    (System.nanoTime() - started) / 1e9));
        } else if (answer instanceof Reprofiler.Skip s) {
            skipped.incrementAndGet();
            log.accept("skipped: " + s.why());
        } else if (answer instanceof Reprofiler.Refuse r) {
            refuse(record, r.reason(), "InvalidReprofileRequest", deadLetters);
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, String reason, String errorType,
                        KafkaProducer<String, byte[]> deadLetters) {
        refused.incrementAndGet();
        DeadLetter letter = new DeadLetter(DeadLetter.SCHEMA_VERSION, "optimizer", record.topic(), record.partition(),
                record.offset(), record.key(), reason, errorType, DeadLetter.excerpt(record.value()),
                record.value() == null ? 0 : record.value().length, clock.instant());
        try {
            deadLetters.send(new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.key(), Json.write(letter),
                    CloudEventHeaders.json(EventTypes.DEAD_LETTER, EventTypes.dataSchema(DeadLetter.class),
                            CloudEventHeaders.OPTIMIZER_SOURCE, clock.instant()))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a reprofile request", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not dead-letter a reprofile request to " + Topics.DEAD_LETTERS, e);
        }
        log.accept("refused (dead-lettered): " + reason);
    }

    public long published() {
        return published.get();
    }

    public long skipped() {
        return skipped.get();
    }

    public long refused() {
        return refused.get();
    }

    /** Stops {@link #run} after the request in hand. */
    @Override
    public void close() {
        running = false;
        requests.wakeup();
    }
}
