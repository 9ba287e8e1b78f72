package io.dynasplit.optimizer.kafka;

import io.dynasplit.contracts.EventTypes;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Binary-mode CloudEvents headers for a JSON event, as Kafka headers ({@link EventTypes#binaryHeaders}). */
public final class CloudEventHeaders {
    /** This module's {@code ce_source}. */
    public static final String OPTIMIZER_SOURCE = "/dynasplit/optimizer";

    private CloudEventHeaders() {
    }

    public static Headers json(String type, String dataSchema, String source, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        EventTypes.binaryHeaders(type, dataSchema, source, time, null, "application/json")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** The header's value as text, or null when absent. */
    public static String value(Headers headers, String key) {
        var h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
