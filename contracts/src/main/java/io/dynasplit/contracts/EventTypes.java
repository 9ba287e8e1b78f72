package io.dynasplit.contracts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents {@code ce_type} of each event, and its {@code ce_dataschema}. Every record DynaSplit writes carries the
 * binary-mode CloudEvents headers {@code ce_specversion}, {@code ce_id}, {@code ce_type}, {@code ce_source},
 * {@code ce_time}, {@code ce_dataschema} and {@code content-type} ({@link #binaryHeaders}), and the services' records
 * {@code ce_subject} too.
 */
public final class EventTypes {
    public static final String INFERENCE_REQUEST = "io.dynasplit.inference.request.v1";
    public static final String EDGE_COMMAND = "io.dynasplit.edge.command.v1";
    public static final String SPLIT_TENSOR = "io.dynasplit.split.tensor.v1";
    public static final String INFERENCE_RESULT = "io.dynasplit.inference.result.v1";
    public static final String ENERGY_TELEMETRY = "io.dynasplit.energy.telemetry.v1";
    public static final String PARETO_FRONT = "io.dynasplit.pareto.front.v1";
    public static final String DEAD_LETTER = "io.dynasplit.dead.letter.v1";
    public static final String REPROFILE_REQUEST = "io.dynasplit.reprofile.request.v1";

    private static final String SCHEMA_BASE = "https://dynasplit.io/schemas/";

    private EventTypes() {
    }

    /** {@code ce_dataschema} for an event record class, e.g. .../InferenceRequest.v1.json. */
    public static String dataSchema(Class<?> eventType) {
        return SCHEMA_BASE + eventType.getSimpleName() + ".v1.json";
    }

    /**
     * The binary-mode CloudEvents headers of one event, with a fresh {@code ce_id}, in the order they are written.
     * {@code subject} may be null: no {@code ce_subject} then.
     */
    public static Map<String, String> binaryHeaders(String type, String dataSchema, String source, Instant time,
                                                    String subject, String mediaType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", type);
        headers.put("ce_source", source);
        headers.put("ce_time", time.toString());
        headers.put("ce_dataschema", dataSchema);
        if (subject != null) {
            headers.put("ce_subject", subject);
        }
        headers.put("content-type", mediaType);
        return headers;
    }
}
