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
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutgoingTopicsCheckTest {

    @Test
    void aRenamedResultsTopicIsRefusedWithThePropertyAndTheTopicItsRecordsGoTo() {
        List<String> problems = OutgoingTopicsCheck.problems(List.of(new Channel("outgoing", "results", "acme.results")));
        assertEquals(List.of("mp.messaging.outgoing.results.topic=acme.results is not used: this channel's records go to"
                + " the contract topic dynasplit.results (topic names are the public contract); remove the setting"),
                problems);
    }

    @Test
    void contractNamesIncomingRenamesAndOtherChannelsPass() {
        assertEquals(List.of(), OutgoingTopicsCheck.problems(List.of(
                new Channel("outgoing", "results", Topics.RESULTS),
                new Channel("outgoing", "telemetry", Topics.TELEMETRY),
                new Channel("outgoing", "tensors", Topics.CLOUD_TENSORS),
                // SmallRye subscribes an incoming channel to whatever it names, and dead letters go via the emitter
                new Channel("incoming", "results", "acme.results"),
                new Channel("outgoing", "dead-letters", "acme.dlq"),
                new Channel("outgoing", "commands", "dynasplit.edge.per-device"))));
    }

    @Test
    void everyServicesShippedConfigurationPasses() throws IOException {
        List<Channel> channels = new ArrayList<>();
        for (String service : List.of("scheduler", "edge-node", "cloud-node")) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(Path.of("..", service, "src/main/resources/application.properties"))) {
                properties.load(in);
            }
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("mp.messaging.outgoing.") && name.endsWith(".topic")) {
                    String channel = name.substring("mp.messaging.outgoing.".length(), name.length() - ".topic".length());
                    channels.add(new Channel("outgoing", channel, properties.getProperty(name)));
                }
            }
        }
        assertTrue(channels.stream().anyMatch(c -> c.name().equals("tensors")), channels.toString());
        assertEquals(List.of(), OutgoingTopicsCheck.problems(channels));
    }
}
