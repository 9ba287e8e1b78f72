package io.dynasplit.optimizer.kafka;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Binary-mode CloudEvents headers for a JSON event (see contracts {@code EventTypes}). */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";
    /** This module's {@code ce_source}. */
    public static final String OPTIMIZER_SOURCE = "/dynasplit/optimizer";

    private CloudEventHeaders() {
    }

    public static Headers json(String type, String dataSchema, String source, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, UUID.randomUUID().toString());
        add(headers, TYPE, type);
        add(headers, SOURCE, source);
        add(headers, TIME, time.toString());
        add(headers, DATA_SCHEMA, dataSchema);
        add(headers, CONTENT_TYPE, "application/json");
        return headers;
    }

    /** The header's value as text, or null when absent. */
    public static String value(Headers headers, String key) {
        var h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
