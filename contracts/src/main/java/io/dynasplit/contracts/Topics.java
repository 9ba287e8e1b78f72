package io.dynasplit.contracts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every topic DynaSplit reads or writes, in one place. The README's topic table is generated from {@link #all()}. */
public final class Topics {
    public static final String REQUESTS = "dynasplit.requests";
    public static final String CLOUD_TENSORS = "dynasplit.cloud.tensors";
    public static final String RESULTS = "dynasplit.results";
    public static final String TELEMETRY = "dynasplit.telemetry";
    public static final String PARETO = "dynasplit.pareto";
    public static final String DEAD_LETTERS = "dynasplit.dlq";
    /** Stale fronts to profile again: the scheduler's staleness monitor asks, the optimizer service answers. */
    public static final String REPROFILE = "dynasplit.reprofile";
    private static final String EDGE_COMMANDS_PREFIX = "dynasplit.edge.";
    private static final String EDGE_COMMANDS_SUFFIX = ".commands";

    public static final int MiB = 1024 * 1024;
    /** VGG16's largest intermediate tensor is 12.85 MB in fp32 (layers 1-2); the frame header adds under 4 KB. */
    public static final int MAX_TENSOR_MESSAGE_BYTES = 16 * MiB;
    /** A request carries its input: a 224x224x3 fp32 tensor is 602 KB, images are smaller. */
    public static final int MAX_REQUEST_MESSAGE_BYTES = 4 * MiB;
    public static final int MAX_CONTROL_MESSAGE_BYTES = MiB;

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private Topics() {
    }

    /** One commands topic per edge device: a device's node reads only its own topic, so it never runs another's. */
    public static String edgeCommands(String edgeDeviceId) {
        if (edgeDeviceId == null || !DEVICE_ID.matcher(edgeDeviceId).matches()) {
            throw new IllegalArgumentException("edge device id must match " + DEVICE_ID.pattern() + ", got '"
                    + edgeDeviceId + "'");
        }
        return EDGE_COMMANDS_PREFIX + edgeDeviceId + EDGE_COMMANDS_SUFFIX;
    }

    /** The edge device whose commands {@code topic} carries, or empty when it is no device's commands topic. */
    public static Optional<String> edgeDeviceOf(String topic) {
        if (topic == null || !topic.startsWith(EDGE_COMMANDS_PREFIX) || !topic.endsWith(EDGE_COMMANDS_SUFFIX)
                || topic.length() <= EDGE_COMMANDS_PREFIX.length() + EDGE_COMMANDS_SUFFIX.length()) {
            return Optional.empty();
        }
        String device = topic.substring(EDGE_COMMANDS_PREFIX.length(), topic.length() - EDGE_COMMANDS_SUFFIX.length());
        return isValidDeviceId(device) ? Optional.of(device) : Optional.empty();
    }

    public static boolean isValidDeviceId(String edgeDeviceId) {
        return edgeDeviceId != null && DEVICE_ID.matcher(edgeDeviceId).matches();
    }

    public static TopicSpec edgeCommandsSpec(String edgeDeviceId) {
        return new TopicSpec(edgeCommands(edgeDeviceId), 1, "delete", DAY, MAX_REQUEST_MESSAGE_BYTES,
                "edge device id", "JSON EdgeCommand", EventTypes.EDGE_COMMAND);
    }

    /** The shared topics (per-device command topics come from {@link #edgeCommandsSpec(String)}). */
    public static List<TopicSpec> all() {
        return List.of(
                new TopicSpec(REQUESTS, 6, "delete", DAY, MAX_REQUEST_MESSAGE_BYTES,
                        "edge device id", "JSON InferenceRequest", EventTypes.INFERENCE_REQUEST),
                new TopicSpec(CLOUD_TENSORS, 6, "delete", HOUR, MAX_TENSOR_MESSAGE_BYTES,
                        "request id", "binary SplitTensor frame", EventTypes.SPLIT_TENSOR),
                new TopicSpec(RESULTS, 6, "delete", 7 * DAY, MAX_CONTROL_MESSAGE_BYTES,
                        "request id", "JSON InferenceResult", EventTypes.INFERENCE_RESULT),
                new TopicSpec(TELEMETRY, 3, "delete", 7 * DAY, MAX_CONTROL_MESSAGE_BYTES,
                        "node id", "JSON EnergyTelemetry", EventTypes.ENERGY_TELEMETRY),
                new TopicSpec(PARETO, 1, "compact", -1, MAX_CONTROL_MESSAGE_BYTES,
                        "model@deviceClass", "JSON ParetoFront", EventTypes.PARETO_FRONT),
                new TopicSpec(DEAD_LETTERS, 1, "delete", 14 * DAY, MAX_CONTROL_MESSAGE_BYTES,
                        "original key", "JSON DeadLetter", EventTypes.DEAD_LETTER),
                new TopicSpec(REPROFILE, 1, "delete", 7 * DAY, MAX_CONTROL_MESSAGE_BYTES,
                        "model@deviceClass", "JSON ReprofileRequest", EventTypes.REPROFILE_REQUEST));
    }

    public static TopicSpec spec(String topic) {
        return all().stream().filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topic));
    }
}
