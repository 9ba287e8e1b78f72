package io.dynasplit.servicekit.startup;

import io.dynasplit.contracts.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a renamed topic that would silently break the flow. The request path sends on the channel's producer to the
 * topic each publisher names from the contract ({@code RequestPathSender}, {@link Topics}), not to the channel's
 * {@code topic} setting: without this check, {@code mp.messaging.outgoing.results.topic=acme.results} would start
 * cleanly while every result still went to {@code dynasplit.results}. Likewise the scheduler routes a device's
 * commands to {@link Topics#edgeCommands}, so an edge node reading any other topic would never get one. Topic names
 * are the public contract (the README's "Topics"), so a different value fails the start with the property's name.
 * Pure logic; {@link StartupChecks} runs it.
 */
public final class ContractTopicsCheck {
    /** The outgoing channels whose records go to a fixed contract topic, and that topic. */
    static final Map<String, String> CONTRACT_TOPICS = Map.of(
            "results", Topics.RESULTS,
            "telemetry", Topics.TELEMETRY,
            "tensors", Topics.CLOUD_TENSORS);

    private ContractTopicsCheck() {
    }

    /** @param edgeDeviceId the device an edge node serves ({@code dynasplit.edge.device-id}); empty in other services */
    public static List<String> problems(List<KafkaLimitsCheck.Channel> channels, Optional<String> edgeDeviceId) {
        List<String> problems = new ArrayList<>();
        for (KafkaLimitsCheck.Channel channel : channels) {
            String contract = contractTopic(channel, edgeDeviceId);
            if (contract != null && !contract.equals(channel.topic())) {
                problems.add("mp.messaging." + channel.direction() + "." + channel.name() + ".topic=" + channel.topic()
                        + (channel.direction().equals("outgoing")
                                ? " is not used: this channel's records go to the contract topic " + contract
                                : " would never see a command: the scheduler sends this device's to " + contract)
                        + " (topic names are the public contract); remove the setting");
            }
        }
        return problems;
    }

    private static String contractTopic(KafkaLimitsCheck.Channel channel, Optional<String> edgeDeviceId) {
        if (channel.direction().equals("outgoing")) {
            return CONTRACT_TOPICS.get(channel.name());
        }
        if (channel.name().equals(KafkaLimitsCheck.COMMANDS_CHANNEL) && edgeDeviceId.filter(Topics::isValidDeviceId).isPresent()) {
            return Topics.edgeCommands(edgeDeviceId.get());
        }
        return null;
    }
}
