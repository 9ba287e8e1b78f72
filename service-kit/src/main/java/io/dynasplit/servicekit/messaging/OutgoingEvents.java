package io.dynasplit.servicekit.messaging;

import io.dynasplit.contracts.EventTypes;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Builds outgoing records: the Kafka key (and topic, for per-device topics) plus the binary-mode CloudEvents headers
 * ({@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_time}, {@code ce_dataschema}, {@code content-type})
 * that every DynaSplit record carries: as a message for a channel's emitter, or as a plain Kafka record with the same
 * headers for {@link RequestPathSender}.
 */
public final class OutgoingEvents {
    public static final String JSON = "application/json";

    private OutgoingEvents() {
    }

    /** A JSON event for a channel's emitter, to the channel's configured topic (the dead-letter path). */
    public static Message<byte[]> json(byte[] payload, String key, String ceType, Class<?> eventClass, String source) {
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(ceType)
                .withSource(URI.create("urn:dynasplit:" + source))
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withDataSchema(URI.create(EventTypes.dataSchema(eventClass)))
                .withDataContentType(JSON)
                .withSubject(key)
                .build();
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .addMetadata(ce);
    }

    /** An event as a Kafka record for {@code topic} with the headers written out. */
    public static ProducerRecord<String, byte[]> record(byte[] payload, String topic, String key, String ceType,
                                                        Class<?> eventClass, String source, String mediaType) {
        RecordHeaders headers = new RecordHeaders();
        EventTypes.binaryHeaders(ceType, EventTypes.dataSchema(eventClass), "urn:dynasplit:" + source, Instant.now(),
                key, mediaType).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, key, payload, headers);
    }
}
