package io.dynasplit.servicekit.messaging;

import io.dynasplit.contracts.EventTypes;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Builds outgoing records: the Kafka key (and topic, for per-device topics) plus the binary-mode CloudEvents headers
 * ({@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_time}, {@code ce_dataschema}, {@code content-type})
 * that every DynaSplit record carries.
 */
public final class OutgoingEvents {
    public static final String JSON = "application/json";

    private OutgoingEvents() {
    }

    public static Message<byte[]> json(byte[] payload, String key, String ceType, Class<?> eventClass, String source) {
        return message(payload, null, key, ceType, eventClass, source, JSON);
    }

    /**
     * @param topic      the destination topic, or null for the channel's configured topic
     * @param mediaType  {@code content-type} of the payload
     */
    public static Message<byte[]> message(byte[] payload, String topic, String key, String ceType, Class<?> eventClass,
                                          String source, String mediaType) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> kafka =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (topic != null) {
            kafka.withTopic(topic);
        }
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(ceType)
                .withSource(URI.create("urn:dynasplit:" + source))
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withDataSchema(URI.create(EventTypes.dataSchema(eventClass)))
                .withDataContentType(mediaType)
                .withSubject(key)
                .build();
        return Message.of(payload).addMetadata(kafka.build()).addMetadata(ce);
    }
}
