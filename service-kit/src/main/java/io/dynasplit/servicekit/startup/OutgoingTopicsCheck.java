package io.dynasplit.servicekit.startup;

import io.dynasplit.contracts.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses a renamed outgoing topic that would be ignored. The request path sends on the channel's producer to the
 * topic each publisher names from the contract ({@code RequestPathSender}, {@link Topics}), not to the channel's
 * {@code topic} setting: without this check, {@code mp.messaging.outgoing.results.topic=acme.results} would start
 * cleanly while every result still went to {@code dynasplit.results}. Topic names are the public contract
 * (the README's "Topics"), so a different value fails the start with the property's name. Pure logic; {@link StartupChecks}
 * runs it.
 */
public final class OutgoingTopicsCheck {
    /** The outgoing channels whose records go to a fixed contract topic, and that topic. */
    static final Map<String, String> CONTRACT_TOPICS = Map.of(
            "results", Topics.RESULTS,
            "telemetry", Topics.TELEMETRY,
            "tensors", Topics.CLOUD_TENSORS);

    private OutgoingTopicsCheck() {
    }

    public static List<String> problems(List<KafkaLimitsCheck.Channel> channels) {
        List<String> problems = new ArrayList<>();
        for (KafkaLimitsCheck.Channel channel : channels) {
            String contract = CONTRACT_TOPICS.get(channel.name());
            if (channel.direction().equals("outgoing") && contract != null && !contract.equals(channel.topic())) {
                problems.add("mp.messaging.outgoing." + channel.name() + ".topic=" + channel.topic()
                        + " is not used: this channel's records go to the contract topic " + contract
                        + " (topic names are the public contract); remove the setting");
            }
        }
        return problems;
    }
}
