package io.dynasplit.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * JSON for control events. Unknown fields are ignored (a newer producer may add optional fields within a schema
 * version); missing required fields and malformed JSON fail with a {@link WireFormatException} that says why.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new WireFormatException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writeString(Object event) {
        return new String(write(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new WireFormatException("empty payload where a " + type.getSimpleName() + " JSON object was expected");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            throw new WireFormatException("not a valid " + type.getSimpleName() + where(e) + ": "
                    + withoutJacksonHint(firstLine(detail)), e);
        }
    }

    /** " (at entries[3].latencyMs)": the field that was wrong, when Jackson knows it. */
    private static String where(Throwable failure) {
        if (!(failure instanceof JsonMappingException mapping)
                || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " (at " + path + ")";
    }

    /** Jackson's advice to the programmer ("set DeserializationConfig... to allow") is noise to a publisher. */
    private static String withoutJacksonHint(String detail) {
        int hint = detail.indexOf(" (set DeserializationConfig");
        return hint < 0 ? detail : detail.substring(0, hint);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
