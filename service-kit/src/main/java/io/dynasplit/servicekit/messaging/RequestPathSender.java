package io.dynasplit.servicekit.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends records on a channel's own Kafka producer (configured in {@code application.properties} like any channel)
 * from the calling thread.
 *
 * <p>Why not through the channel's emitter: an emitter hands each record to the connector's sending thread and its
 * acknowledgement back through a Vert.x context, thread hand-offs that cost about 2 ms per send and most of a
 * service's CPU on a loaded 2-core machine (docs/evaluation.md, "Pipeline cost"). Records, headers and the
 * at-least-once contract stay the same: the caller acknowledges what it is processing only after the send returns.
 * The emitter stays the channel's upstream and carries the record when the channel has no Kafka producer (another
 * connector, as in unit tests).
 */
@ApplicationScoped
public class RequestPathSender {
    private static final Logger LOG = Logger.getLogger(RequestPathSender.class);
    /** A send the broker has not acknowledged in this time fails, and the record being processed is dead-lettered. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KafkaClientService clients;

    private final Map<String, Optional<Producer<String, byte[]>>> producers = new ConcurrentHashMap<>();
    private final ThreadLocal<List<PendingAck>> deferred = new ThreadLocal<>();

    /**
     * Sends and waits until the broker has the record; inside {@link #deferringAcks}, only sends, and the wait is the
     * caller's.
     */
    public void sendAndAwait(String channel, MutinyEmitter<byte[]> emitter, ProducerRecord<String, byte[]> record) {
        Future<?> ack = send(channel, emitter, record);
        List<PendingAck> deferring = deferred.get();
        if (deferring != null) {
            deferring.add(new PendingAck(ack, record.topic()));
        } else {
            new PendingAck(ack, record.topic()).await();
        }
    }

    /**
     * Runs {@code work} with the acknowledgements of its {@link #sendAndAwait} calls deferred, and returns them: a
     * consumer that processes a batch of records sends everything first and waits once, before it acknowledges the
     * batch, instead of one broker round trip per record.
     */
    public List<PendingAck> deferringAcks(Runnable work) {
        List<PendingAck> acks = new ArrayList<>();
        deferred.set(acks);
        try {
            work.run();
        } finally {
            deferred.remove();
        }
        return acks;
    }

    /** A send the broker has yet to acknowledge. */
    public record PendingAck(Future<?> ack, String topic) {
        /** Waits for the acknowledgement; a failed or timed-out send throws. */
        public void await() {
            try {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending to " + topic, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("send to " + topic + " failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the broker did not acknowledge a record for " + topic + " within "
                        + ACK_TIMEOUT, e);
            }
        }
    }

    private Future<?> send(String channel, MutinyEmitter<byte[]> emitter, ProducerRecord<String, byte[]> record) {
        Optional<Producer<String, byte[]>> producer = producer(channel);
        if (producer.isEmpty()) {
            return emitter.sendMessage(message(record)).subscribeAsCompletionStage();
        }
        return producer.get().send(record);
    }

    /** Sends without waiting; a failure is logged (for records off the request path, such as telemetry). */
    public void sendAndForget(String channel, MutinyEmitter<byte[]> emitter, ProducerRecord<String, byte[]> record) {
        Optional<Producer<String, byte[]>> producer = producer(channel);
        if (producer.isEmpty()) {
            emitter.sendMessageAndForget(message(record));
            return;
        }
        producer.get().send(record, (metadata, failure) -> {
            if (failure != null) {
                LOG.warnf("record for %s (key %s) not sent: %s", record.topic(), record.key(), failure.toString());
            }
        });
    }

    private Optional<Producer<String, byte[]>> producer(String channel) {
        return producers.computeIfAbsent(channel, this::channelProducer);
    }

    /** The Kafka producer of an outgoing smallrye-kafka channel; empty for other connectors. */
    Optional<Producer<String, byte[]>> channelProducer(String channel) {
        return Optional.ofNullable(clients.<String, byte[]>getProducer(channel))
                // the connector creates its producer lazily, on its sending thread: let it, once
                .map(reactive -> reactive.runOnSendingThread(p -> p).await().atMost(ACK_TIMEOUT));
    }

    private static Message<byte[]> message(ProducerRecord<String, byte[]> record) {
        return Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic()).withKey(record.key()).withHeaders(record.headers()).build());
    }
}
