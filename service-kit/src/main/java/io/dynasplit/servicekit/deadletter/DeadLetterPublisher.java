package io.dynasplit.servicekit.deadletter;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.Json;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Sends a record that cannot be processed to the dead-letter topic with the reason, counts it, and lets processing
 * continue. Nothing is dropped silently.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<byte[]> deadLetters;

    @Inject
    PipelineMetrics metrics;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "dynasplit")
    String service;

    /** Publishes and waits until the broker has it, so the source record can then be acknowledged. */
    public void publish(ConsumerRecord<String, byte[]> source, RejectedRecordException rejection) {
        byte[] payload = source.value();
        String key = source.key();
        DeadLetter letter = new DeadLetter(DeadLetter.SCHEMA_VERSION, service, source.topic(), source.partition(),
                source.offset(), key, rejection.getMessage(), rejection.reason().label(), DeadLetter.excerpt(payload),
                payload == null ? 0 : payload.length, Instant.now());
        LOG.warnf("dead letter from %s[%d]@%d key=%s: %s", letter.sourceTopic(), letter.partition(), letter.offset(), key,
                letter.reason());
        metrics.deadLetter(service, rejection.reason());
        deadLetters.sendMessageAndAwait(OutgoingEvents.json(Json.write(letter), key, EventTypes.DEAD_LETTER,
                DeadLetter.class, service));
    }
}
