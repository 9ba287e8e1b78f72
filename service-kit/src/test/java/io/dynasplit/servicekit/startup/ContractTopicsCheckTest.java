package io.dynasplit.servicekit.startup;

import io.dynasplit.contracts.Topics;
import io.dynasplit.servicekit.startup.KafkaLimitsCheck.Channel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractTopicsCheckTest {
    private static final Optional<String> NOT_AN_EDGE_NODE = Optional.empty();

    @Test
    void aRenamedResultsTopicIsRefusedWithThePropertyAndTheTopicItsRecordsGoTo() {
        List<String> problems = ContractTopicsCheck.problems(List.of(new Channel("outgoing", "results", "acme.results")),
                NOT_AN_EDGE_NODE);
        assertEquals(List.of("mp.messaging.outgoing.results.topic=acme.results is not used: this channel's records go to"
                + " the contract topic dynasplit.results (topic names are the public contract); remove the setting"),
                problems);
    }

    @Test
    void anEdgeNodeReadingAnotherTopicThanItsDevicesIsRefused() {
        List<String> problems = ContractTopicsCheck.problems(
                List.of(new Channel("incoming", "commands", "dynasplit.edge.pi-b.commands")), Optional.of("pi-a"));
        assertEquals(List.of("mp.messaging.incoming.commands.topic=dynasplit.edge.pi-b.commands would never see a"
                + " command: the scheduler sends this device's to dynasplit.edge.pi-a.commands (topic names are the"
                + " public contract); remove the setting"), problems);
        assertEquals(List.of(), ContractTopicsCheck.problems(
                List.of(new Channel("incoming", "commands", Topics.edgeCommands("pi-a"))), Optional.of("pi-a")));
    }

    @Test
    void contractNamesOtherIncomingRenamesAndOtherChannelsPass() {
        assertEquals(List.of(), ContractTopicsCheck.problems(List.of(
                new Channel("outgoing", "results", Topics.RESULTS),
                new Channel("outgoing", "telemetry", Topics.TELEMETRY),
                new Channel("outgoing", "tensors", Topics.CLOUD_TENSORS),
                // SmallRye subscribes an incoming channel to whatever it names, and dead letters go via the emitter
                new Channel("incoming", "results", "acme.results"),
                new Channel("incoming", "commands", "acme.commands"),
                new Channel("outgoing", "dead-letters", "acme.dlq"),
                new Channel("outgoing", "commands", "dynasplit.edge.per-device")), NOT_AN_EDGE_NODE));
    }

    @Test
    void everyServicesShippedConfigurationPasses() throws IOException {
        for (String service : List.of("scheduler", "edge-node", "cloud-node")) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(Path.of("..", service, "src/main/resources/application.properties"))) {
                properties.load(in);
            }
            Optional<String> device = Optional.ofNullable(properties.getProperty("dynasplit.edge.device-id"));
            List<Channel> channels = new ArrayList<>();
            for (String name : properties.stringPropertyNames()) {
                String[] parts = name.split("\\.");
                if (parts.length == 5 && name.startsWith("mp.messaging.") && parts[4].equals("topic")) {
                    // the one expression the shipped files use in a topic: the edge node's device id
                    String topic = properties.getProperty(name).replace("${dynasplit.edge.device-id}", device.orElse(""));
                    channels.add(new Channel(parts[2], parts[3], topic));
                }
            }
            // the scheduler has two channels left (fronts, feedback): its request path is a Kafka Streams topology
            assertTrue(channels.size() >= 2, service + ": " + channels);
            assertEquals(List.of(), ContractTopicsCheck.problems(channels, device), service);
        }
    }
}
