package io.dynasplit.servicekit.startup;

import io.dynasplit.contracts.Topics;
import io.dynasplit.servicekit.startup.KafkaLimitsCheck.Channel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaLimitsCheckTest {
    private static final Channel TENSORS_OUT = new Channel("outgoing", "tensors", Topics.CLOUD_TENSORS);
    private static final Channel TENSORS_IN = new Channel("incoming", "tensors", Topics.CLOUD_TENSORS);

    private static List<String> problems(List<Channel> channels, Map<String, String> config) {
        return KafkaLimitsCheck.problems(channels, key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void limitsThatCarryTheLargestTensorPass() {
        String size = Integer.toString(Topics.MAX_TENSOR_MESSAGE_BYTES);
        assertEquals(List.of(), problems(List.of(TENSORS_OUT, TENSORS_IN), Map.of(
                "mp.messaging.outgoing.tensors.max.request.size", size,
                "mp.messaging.incoming.tensors.max.partition.fetch.bytes", size)));
    }

    @Test
    void kafkaDefaultsAreTooSmallForTensorsAndNamed() {
        List<String> problems = problems(List.of(TENSORS_OUT, TENSORS_IN), Map.of());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("kafka.max.request.size=1048576 is below max.message.bytes=16777216"),
                problems.get(0));
        assertTrue(problems.get(1).contains("max.partition.fetch.bytes=1048576"), problems.get(1));
    }

    @Test
    void aChannelSettingOverridesTheSharedOneAndIsTheOneNamed() {
        List<String> problems = problems(List.of(TENSORS_OUT), Map.of(
                "kafka.max.request.size", "99999999",
                "mp.messaging.outgoing.tensors.max.request.size", "1000"));
        assertEquals(List.of("mp.messaging.outgoing.tensors.max.request.size=1000 is below max.message.bytes=16777216"
                + " of topic dynasplit.cloud.tensors"), problems);
        assertEquals(List.of(), problems(List.of(TENSORS_OUT), Map.of("kafka.max.request.size", "99999999")));
    }

    @Test
    void theSchedulersCommandsAreCheckedAgainstThePerDeviceTopicsNotTheirPlaceholder() {
        Channel commands = new Channel("outgoing", "commands", "dynasplit.edge.per-device");
        List<String> problems = problems(List.of(commands), Map.of("mp.messaging.outgoing.commands.max.request.size", "1048576"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith("max.message.bytes=4194304 of topic dynasplit.edge.<device>.commands"),
                problems.get(0));
        assertEquals(List.of(), problems(List.of(commands), Map.of("mp.messaging.outgoing.commands.max.request.size",
                Integer.toString(Topics.MAX_REQUEST_MESSAGE_BYTES))));
    }

    @Test
    void anEdgeNodesOwnCommandsTopicIsKnownAndOtherTopicsAreNotChecked() {
        Channel own = new Channel("incoming", "commands", Topics.edgeCommands("pi-a"));
        assertEquals(1, problems(List.of(own), Map.of()).size());
        assertEquals(List.of(), problems(List.of(new Channel("incoming", "other", "acme.things")), Map.of()));
    }

    @Test
    void aSizeThatIsNotANumberNamesItsProperty() {
        var e = assertThrows(IllegalArgumentException.class, () -> problems(List.of(TENSORS_OUT),
                Map.of("mp.messaging.outgoing.tensors.max.request.size", "16MB")));
        assertEquals("mp.messaging.outgoing.tensors.max.request.size must be a number of bytes, got '16MB'",
                e.getMessage());
    }
}
