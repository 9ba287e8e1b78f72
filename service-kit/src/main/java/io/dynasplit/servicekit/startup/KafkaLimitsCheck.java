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

    /** One configured channel: direction ("incoming"/"outgoing"), name, topic. */
    public record Channel(String direction, String name, String topic) {
    }

    private KafkaLimitsCheck() {
    }

    /** @param property reads a configuration property (e.g. MicroProfile Config) */
    public static List<String> problems(List<Channel> channels, Function<String, Optional<String>> property) {
        List<String> problems = new ArrayList<>();
        for (Channel channel : channels) {
            Optional<TopicSpec> spec = specFor(channel.topic());
            if (spec.isEmpty()) {
                continue;
            }
            String prefix = "mp.messaging." + channel.direction() + "." + channel.name() + ".";
            boolean outgoing = channel.direction().equals("outgoing");
            String key = outgoing ? "max.request.size" : "max.partition.fetch.bytes";
            long configured = property.apply(prefix + key).or(() -> property.apply("kafka." + key))
                    .map(Long::parseLong).orElse((long) (outgoing ? KAFKA_DEFAULT_REQUEST_SIZE : KAFKA_DEFAULT_FETCH_SIZE));
            if (configured < spec.get().maxMessageBytes()) {
                problems.add(prefix + key + "=" + configured + " is below max.message.bytes="
                        + spec.get().maxMessageBytes() + " of topic " + channel.topic());
            }
        }
        return problems;
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
