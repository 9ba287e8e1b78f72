package io.dynasplit.edgenode;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireDtype;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge node on a paced board (wall clock follows device time), its heads slowed 300 times so that one runs for
 * most of a second: a layer-0 command is forwarded while the board is busy, and a head behind another reports the
 * wait. Real Kafka broker.
 */
@QuarkusTest
@TestProfile(PacedBoardKafkaTest.SlowPacedBoard.class)
class PacedBoardKafkaTest {
    static final String ME = "pi-a";
    KafkaCompanion companion;

    public static class SlowPacedBoard implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dynasplit.edge.pacing-speedup", "1", "dynasplit.edge.drift.factor", "300",
                    "dynasplit.edge.drift.from-command", "0");
        }
    }

    @Test
    void aCloudOnlyCommandIsForwardedWhileTheBoardRunsHeadsAndTheSecondHeadReportsItsWait() {
        SplitConfig split = new SplitConfig("fmnist-cnn", 3, 600, AcceleratorMode.OFF, true);
        EdgeCommand knobs = EdgeNodeKafkaTest.command(ME, split, WireDtype.FP32);
        send(List.of(knobs));
        awaitTensors(List.of(knobs)); // the board switches to the split's knobs once, before what is measured
        EdgeCommand first = EdgeNodeKafkaTest.command(ME, split, WireDtype.FP32);
        EdgeCommand second = EdgeNodeKafkaTest.command(ME, split, WireDtype.FP32);
        EdgeCommand cloudOnly = EdgeNodeKafkaTest.command(ME,
                new SplitConfig("fmnist-cnn", 0, 600, AcceleratorMode.OFF, true), WireDtype.FP32);

        send(List.of(first, second, cloudOnly));
        Map<String, SplitTensor> tensors = awaitTensors(List.of(first, second, cloudOnly));

        SplitTensor a = tensors.get(first.request().requestId());
        SplitTensor b = tensors.get(second.request().requestId());
        SplitTensor forwarded = tensors.get(cloudOnly.request().requestId());
        assertEquals(0, forwarded.splitLayer());
        assertEquals(0, forwarded.edge().queueMs(), "layer 0 waits for no head");
        assertTrue(forwarded.edge().finishedAt().isBefore(a.edge().finishedAt()),
                "the cloud-only command, sent after two heads, left before the first head finished: forwarded at "
                        + forwarded.edge().finishedAt() + ", first head done at " + a.edge().finishedAt());
        assertTrue(a.edge().edgeMs() > 300, "the slowed head runs for most of a second: " + a.edge().edgeMs());
        assertTrue(b.edge().queueMs() > 0.5 * a.edge().edgeMs(), "the second head waited for the first ("
                + a.edge().edgeMs() + " ms of device time): its queue " + b.edge().queueMs() + " ms");
        assertTrue(!b.edge().finishedAt().isBefore(a.edge().finishedAt()), "heads run in order");
    }

    private void send(List<EdgeCommand> commands) {
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(commands.stream().map(c -> new ProducerRecord<>(Topics.edgeCommands(ME), ME,
                        Json.write(c))).toList()).awaitCompletion();
    }

    private Map<String, SplitTensor> awaitTensors(List<EdgeCommand> commands) {
        Set<String> ids = commands.stream().map(c -> c.request().requestId()).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> records = companion.consumeWithDeserializers(
                        Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .fromTopics(Topics.CLOUD_TENSORS, m -> m.filter(r -> ids.contains(r.key())).select().first(ids.size()))
                .awaitCompletion(Duration.ofSeconds(60)).getRecords();
        return records.stream().map(r -> SplitTensorCodec.decode(r.value()))
                .collect(Collectors.toMap(SplitTensor::requestId, Function.identity()));
    }
}
