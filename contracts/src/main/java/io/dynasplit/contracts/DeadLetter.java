package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A record that could not be processed, and why. Topic {@link Topics#DEAD_LETTERS}, key: the original key, JSON.
 *
 * @param payloadExcerpt the first bytes of the original value: text when it was UTF-8, else {@code base64:...}
 */
public record DeadLetter(int schemaVersion, String service, @JsonProperty(required = true) String sourceTopic, int partition, long offset, String key,
                         @JsonProperty(required = true) String reason, String errorType, String payloadExcerpt, int payloadBytes, Instant failedAt) {
    public static final int SCHEMA_VERSION = 1;
    public static final int EXCERPT_BYTES = 256;

    public static String excerpt(byte[] payload) {
        if (payload == null) {
            return "";
        }
        byte[] head = java.util.Arrays.copyOf(payload, Math.min(payload.length, EXCERPT_BYTES));
        var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(head)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "base64:" + java.util.Base64.getEncoder().encodeToString(head);
        }
    }
}
