package io.dynasplit.edgenode;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.ModelCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge node (device pi-a, emulated paper board) against a real Kafka broker in the test JVM. */
@QuarkusTest
class EdgeNodeKafkaTest {
    static final String ME = "pi-a";
    KafkaCompanion companion;

    @Test
    void runsTheHeadAndShipsTheTensorInTheCommandsDtype() {
        SplitConfig cfg = new SplitConfig("fmnist-cnn", 4, 1800, AcceleratorMode.MAX, true);
        EdgeCommand cmd = command(ME, cfg, WireDtype.INT8);
        send(ME, cmd);
        SplitTensor tensor = awaitTensor(cmd.request().requestId());
        assertEquals(WireDtype.INT8, tensor.dtype());
        assertEquals(4, tensor.splitLayer());
        assertEquals(ModelCatalog.shared().splitPoints("fmnist-cnn").get(4).shape(), tensor.shape());
        assertTrue(tensor.edge().edgeMs() > 0, "device time is reported");
        assertTrue(tensor.edge().edgeHostMs() > 0, "host time is kept beside it");
        assertEquals("emulated:paper-pi4-coral", tensor.edge().latencySource());
        assertFalse(tensor.edge().energySource().startsWith("emulated:"),
                "hardware=auto: this machine's meter or its host model, never the paper board's energy as this host's: "
                        + tensor.edge().energySource());
        assertEquals("edge-pi-a", tensor.edge().nodeId());
    }

    @Test
    void cloudOnlyLeavesTheBoardsKnobsAlone() {
        SplitConfig split = new SplitConfig("fmnist-cnn", 4, 800, AcceleratorMode.STD, true);
        awaitTensor(sendAndId(command(ME, split, WireDtype.INT8)));
        SplitConfig cloudOnly = new SplitConfig("fmnist-cnn", 0, 1800, AcceleratorMode.OFF, true);
        SplitTensor raw = awaitTensor(sendAndId(command(ME, cloudOnly, WireDtype.FP32)));
        assertEquals(0, raw.edge().reconfigurationMs(), "nothing runs on the edge at layer 0: no switch");
        SplitTensor again = awaitTensor(sendAndId(command(ME, split, WireDtype.INT8)));
        assertEquals(0, again.edge().reconfigurationMs(), "the board still has the split's knobs");
    }

    private String sendAndId(EdgeCommand cmd) {
        send(ME, cmd);
        return cmd.request().requestId();
    }

    @Test
    void edgeOnlyPublishesTheResultItself() {
        SplitConfig cfg = new SplitConfig("fmnist-cnn", Models.FMNIST_CNN.lastLayer(), 1800, AcceleratorMode.MAX, false);
        EdgeCommand cmd = command(ME, cfg, WireDtype.INT8);
        send(ME, cmd);
        InferenceResult result = awaitResult(cmd.request().requestId());
        assertEquals(Placement.EDGE, result.placement());
        assertEquals(0, result.energy().cloudJ());
        assertTrue(result.energy().edgeJ() > 0);
        assertEquals(5, result.topK().size());
        assertEquals(result.latency().totalMs() <= result.latencyThresholdMs(), result.thresholdMet());
        RestAssured.get("/q/health/ready").then().statusCode(200);
        RestAssured.get("/q/health/live").then().statusCode(200);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("dynasplit_reconfigurations_total{device=\"pi-a\"}"))
                .body(containsString("dynasplit_results_total{model=\"fmnist-cnn\",status=\"ok\"}"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void aCommandForAnotherDeviceIsNeverRunHere() {
        SplitConfig cfg = new SplitConfig("fmnist-cnn", 4, 1800, AcceleratorMode.MAX, true);
        EdgeCommand foreign = command("pi-b", cfg, WireDtype.INT8);
        send(ME, foreign); // wrongly routed onto pi-a's topic
        DeadLetter letter = awaitDeadLetter("pi-b"); // dead letters keep the original key
        assertEquals("unknown-device", letter.errorType());
        assertTrue(letter.reason().contains("pi-b"), letter.reason());
        // and pi-a's node does not read pi-b's topic at all
        EdgeCommand forB = command("pi-b", cfg, WireDtype.INT8);
        send("pi-b", forB);
        SplitConfig mine = new SplitConfig("fmnist-cnn", 2, 1800, AcceleratorMode.MAX, true);
        EdgeCommand forA = command(ME, mine, WireDtype.FP32);
        send(ME, forA);
        awaitTensor(forA.request().requestId());
        List<String> tensors = companion.consumeWithDeserializers(Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).fromTopics(Topics.CLOUD_TENSORS, Duration.ofSeconds(2))
                .awaitCompletion(Duration.ofSeconds(10)).getRecords().stream().map(ConsumerRecord::key).toList();
        assertTrue(tensors.stream().noneMatch(k -> k.equals(forB.request().requestId())
                || k.equals(foreign.request().requestId())));
    }

    @Test
    void aBurstOfCommandsIsRunOneByOneAndABadOneInItIsDeadLettered() {
        SplitConfig cfg = new SplitConfig("fmnist-cnn", 4, 1800, AcceleratorMode.MAX, true);
        List<EdgeCommand> burst = IntStream.range(0, 40).mapToObj(i -> command(ME, cfg, WireDtype.INT8)).toList();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        burst.forEach(c -> records.add(new ProducerRecord<>(Topics.edgeCommands(ME), ME, Json.write(c))));
        records.add(20, new ProducerRecord<>(Topics.edgeCommands(ME), "bad-in-burst", "{\"request\":".getBytes()));
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(records).awaitCompletion();
        Set<String> ids = new HashSet<>(burst.stream().map(c -> c.request().requestId()).toList());
        List<ConsumerRecord<String, byte[]>> tensors = companion.consumeWithDeserializers(Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).fromTopics(Topics.CLOUD_TENSORS,
                        m -> m.filter(rec -> ids.contains(rec.key())).select().first(burst.size()))
                .awaitCompletion(Duration.ofSeconds(60)).getRecords();
        assertEquals(ids, new HashSet<>(tensors.stream().map(ConsumerRecord::key).toList()),
                "every good command of the burst shipped its tensor, once");
        assertEquals("malformed", awaitDeadLetter("bad-in-burst").errorType());
        ConsumerRecord<String, byte[]> first = tensors.get(0);
        assertEquals(EventTypes.SPLIT_TENSOR, new String(first.headers().lastHeader("ce_type").value()));
        assertEquals(SplitTensorCodec.MEDIA_TYPE, new String(first.headers().lastHeader("content-type").value()));
    }

    @Test
    void malformedAndInvalidCommandsGoToTheDeadLetterTopic() {
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.edgeCommands(ME), "bad-json", "{\"request\":".getBytes()))
                .awaitCompletion();
        assertEquals("malformed", awaitDeadLetter("bad-json").errorType());
        SplitConfig invalid = new SplitConfig("fmnist-cnn", 0, 1800, AcceleratorMode.MAX, true);
        EdgeCommand cmd = command(ME, invalid, WireDtype.INT8);
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.edgeCommands(ME), "invalid-config", Json.write(cmd)))
                .awaitCompletion();
        assertEquals("invalid", awaitDeadLetter("invalid-config").errorType());
        // a PNG whose header declares 60000 x 60000 pixels: refused from the header, before 14 GB are allocated
        InferenceRequest bomb = InferenceRequest.of("image-bomb", ME, "fmnist-cnn", 10_000, "image/png", imageBomb(),
                null, Instant.now());
        EdgeCommand bombCommand = new EdgeCommand(EdgeCommand.SCHEMA_VERSION, bomb,
                new SplitConfig("fmnist-cnn", 4, 1800, AcceleratorMode.OFF, false), WireDtype.INT8,
                Instant.now().plusSeconds(10), new Decision("pinned", false, 0, 0, 0, 0, 1, 0, "device"), Instant.now());
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.edgeCommands(ME), "image-bomb", Json.write(bombCommand)))
                .awaitCompletion();
        DeadLetter refused = awaitDeadLetter("image-bomb");
        assertEquals("invalid", refused.errorType());
        assertTrue(refused.reason().contains("60000 x 60000"), refused.reason());
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("dynasplit_dead_letters_total{reason=\"malformed\",service=\"edge-node\"}"));
    }

    static EdgeCommand command(String device, SplitConfig cfg, WireDtype dtype) {
        InferenceRequest request = InferenceRequest.of(UUID.randomUUID().toString(), device, cfg.model(), 10_000,
                null, new byte[0], 3L, Instant.now());
        return new EdgeCommand(EdgeCommand.SCHEMA_VERSION, request, cfg, dtype, Instant.now().plusSeconds(10),
                new Decision("pinned", false, 0, 0, 0, 0, 1, 0, "device"), Instant.now());
    }

    private void send(String topicDevice, EdgeCommand cmd) {
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.edgeCommands(topicDevice), cmd.request().edgeDeviceId(),
                        Json.write(cmd))).awaitCompletion();
    }

    private SplitTensor awaitTensor(String requestId) {
        ConsumerRecord<String, byte[]> r = companion.consumeWithDeserializers(Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).fromTopics(Topics.CLOUD_TENSORS,
                        m -> m.filter(rec -> requestId.equals(rec.key())).select().first(1))
                .awaitCompletion(Duration.ofSeconds(60)).getFirstRecord();
        return SplitTensorCodec.decode(r.value());
    }

    private InferenceResult awaitResult(String requestId) {
        ConsumerRecord<String, byte[]> r = companion.consumeWithDeserializers(Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).fromTopics(Topics.RESULTS,
                        m -> m.filter(rec -> requestId.equals(rec.key())).select().first(1))
                .awaitCompletion(Duration.ofSeconds(60)).getFirstRecord();
        return Json.read(r.value(), InferenceResult.class);
    }

    private DeadLetter awaitDeadLetter(String key) {
        ConsumerRecord<String, byte[]> r = companion.consumeWithDeserializers(Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).fromTopics(Topics.DEAD_LETTERS,
                        m -> m.filter(rec -> key.equals(rec.key())).select().first(1))
                .awaitCompletion(Duration.ofSeconds(60)).getFirstRecord();
        return Json.read(r.value(), DeadLetter.class);
    }

    /** A valid 1 x 1 PNG whose IHDR then claims 60000 x 60000 (CRC fixed). */
    private static byte[] imageBomb() {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", out);
            byte[] png = out.toByteArray();
            java.nio.ByteBuffer.wrap(png, 16, 8).putInt(60_000).putInt(60_000);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(png, 12, 17);
            java.nio.ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
            return png;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
