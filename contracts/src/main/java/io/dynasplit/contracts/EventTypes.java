package io.dynasplit.contracts;

/**
 * CloudEvents {@code ce_type} of each event, and its {@code ce_dataschema}. Every record DynaSplit writes carries the
 * binary-mode CloudEvents headers {@code ce_specversion}, {@code ce_id}, {@code ce_type}, {@code ce_source},
 * {@code ce_time}, {@code ce_dataschema} and {@code content-type}.
 */
public final class EventTypes {
    public static final String INFERENCE_REQUEST = "io.dynasplit.inference.request.v1";
    public static final String EDGE_COMMAND = "io.dynasplit.edge.command.v1";
    public static final String SPLIT_TENSOR = "io.dynasplit.split.tensor.v1";
    public static final String INFERENCE_RESULT = "io.dynasplit.inference.result.v1";
    public static final String ENERGY_TELEMETRY = "io.dynasplit.energy.telemetry.v1";
    public static final String PARETO_FRONT = "io.dynasplit.pareto.front.v1";
    public static final String DEAD_LETTER = "io.dynasplit.dead.letter.v1";

    private static final String SCHEMA_BASE = "https://dynasplit.io/schemas/";

    private EventTypes() {
    }

    /** {@code ce_dataschema} for an event record class, e.g. .../InferenceRequest.v1.json. */
    public static String dataSchema(Class<?> eventType) {
        return SCHEMA_BASE + eventType.getSimpleName() + ".v1.json";
    }
}
