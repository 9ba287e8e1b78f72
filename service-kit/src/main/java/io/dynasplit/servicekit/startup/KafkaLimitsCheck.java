package io.dynasplit.servicekit.startup;

import io.dynasplit.contracts.TopicSpec;
import io.dynasplit.contracts.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that what a service is configured to send and fetch fits the topics' limits: an outgoing channel's
 * {@code max.request.size} and an incoming channel's {@code max.partition.fetch.bytes} must be at least the topic's
 * {@code max.message.bytes} as DynaSplit provisions it. Pure logic; {@link StartupChecks} runs it against the config.
 */
public final class KafkaLimitsCheck {
    static final int KAFKA_DEFAULT_REQUEST_SIZE = 1024 * 1024;
    static final int KAFKA_DEFAULT_FETCH_SIZE = 1024 * 1024;
    /** The scheduler's outgoing and an edge node's incoming channel of edge commands. */
    static final String COMMANDS_CHANNEL = "commands";

    /** One configured channel: direction ("incoming"/"outgoing"), name, topic. */
    public record Channel(String direction, String name, String topic) {
    }

    private KafkaLimitsCheck() {
    }

    /** @param property reads a configuration property (e.g. MicroProfile Config) */
    public static List<String> problems(List<Channel> channels, Function<String, Optional<String>> property) {
        List<String> problems = new ArrayList<>();
        for (Channel channel : channels) {
            boolean commands = isCommands(channel);
            Optional<TopicSpec> spec = commands ? Optional.of(Topics.edgeCommandsSpec("any")) : specFor(channel.topic());
            if (spec.isEmpty()) {
                continue;
            }
            String prefix = "mp.messaging." + channel.direction() + "." + channel.name() + ".";
            boolean outgoing = channel.direction().equals("outgoing");
            String key = outgoing ? "max.request.size" : "max.partition.fetch.bytes";
            String setting = property.apply(prefix + key).isPresent() ? prefix + key : "kafka." + key;
            long configured = property.apply(setting).map(value -> bytes(setting, value))
                    .orElse((long) (outgoing ? KAFKA_DEFAULT_REQUEST_SIZE : KAFKA_DEFAULT_FETCH_SIZE));
            if (configured < spec.get().maxMessageBytes()) {
                problems.add(setting + "=" + configured + " is below max.message.bytes="
                        + spec.get().maxMessageBytes() + " of topic "
                        + (commands ? "dynasplit.edge.<device>.commands" : channel.topic()));
            }
        }
        return problems;
    }

    private static long bytes(String property, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a number of bytes, got '" + value + "'", e);
        }
    }

    /** The scheduler's commands go to each device's own topic, whatever the channel's placeholder topic says. */
    private static boolean isCommands(Channel channel) {
        return channel.direction().equals("outgoing") && channel.name().equals(COMMANDS_CHANNEL);
    }

    static Optional<TopicSpec> specFor(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        if (topic.startsWith("dynasplit.edge.") && topic.endsWith(".commands")) {
            String device = topic.substring("dynasplit.edge.".length(), topic.length() - ".commands".length());
            return Topics.isValidDeviceId(device) ? Optional.of(Topics.edgeCommandsSpec(device)) : Optional.empty();
        }
        return Topics.all().stream().filter(t -> t.name().equals(topic)).findFirst();
    }
}
