package io.dynasplit.cloudnode;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.EdgeReport;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.TensorData;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cloud node against a real Kafka broker in the test JVM. */
@QuarkusTest
class CloudNodeKafkaTest {
    KafkaCompanion companion;

    @Test
    void runsTheTailAndPublishesTheFullBreakdown() {
        SplitModel model = ModelCatalog.shared().get("fmnist-cnn");
        Activation input = model.inputFor(null, new byte[0], 11L);
        SplitConfig cfg = new SplitConfig("fmnist-cnn", 3, 1800, AcceleratorMode.MAX, true);
        SplitTensor tensor = tensor(cfg, model.head(3, input), WireDtype.FP32);
        send(tensor);
        InferenceResult result = awaitResult(tensor.requestId());
        assertEquals(ResultStatus.OK, result.status());
        assertEquals(Placement.SPLIT, result.placement());
        int expected = model.topK(model.forward(input), 1).get(0).classIndex();
        assertEquals(expected, result.topK().get(0).classIndex(), "split inference equals the full forward pass");
        assertTrue(result.latency().transferMs() > 0 && result.latency().cloudMs() > 0);
        assertEquals(result.latency().queueMs() + result.latency().reconfigurationMs() + result.latency().edgeMs()
                + result.latency().transferMs() + result.latency().cloudMs(), result.latency().totalMs(), 1e-9);
        assertTrue(result.energy().edgeJ() > tensor.edge().edgeActiveJ(), "edge energy includes waiting for the cloud");
        assertEquals("emulated:paper-gpu-node", result.sources().cloudLatency());
        assertEquals("whole-node", result.energy().accounting());
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("dynasplit_request_energy_joules_count{model=\"fmnist-cnn\",part=\"cloud\"}"))
                .body(containsString("dynasplit_results_total{model=\"fmnist-cnn\",status=\"ok\"}"));
    }

    @Test
    void aRedeliveredTensorYieldsNoSecondResult() {
        SplitModel model = ModelCatalog.shared().get("fmnist-cnn");
        SplitConfig cfg = new SplitConfig("fmnist-cnn", 5, 1800, AcceleratorMode.MAX, false);
        SplitTensor tensor = tensor(cfg, model.head(5, model.inputFor(null, new byte[0], 5L)), WireDtype.INT8);
        send(tensor);
        awaitResult(tensor.requestId());
        send(tensor);
        send(tensor);
        List<ConsumerRecord<String, byte[]>> all = companion.consumeWithDeserializers(Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).fromTopics(Topics.RESULTS, Duration.ofSeconds(4))
                .awaitCompletion(Duration.ofSeconds(15)).getRecords();
        assertEquals(1, all.stream().filter(r -> tensor.requestId().equals(r.key())).count());
    }

    @Test
    void wrongShapesAndBadFramesGoToTheDeadLetterTopic() {
        SplitConfig cfg = new SplitConfig("fmnist-cnn", 3, 1800, AcceleratorMode.MAX, true);
        SplitTensor wrong = tensor(cfg, Activation.of(new float[12], 1, 3, 2, 2), WireDtype.FP32);
        send(wrong);
        DeadLetter letter = awaitDeadLetter(wrong.requestId());
        assertEquals("wrong-tensor", letter.errorType());
        assertTrue(letter.reason().contains("expected"), letter.reason());

        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.CLOUD_TENSORS, "garbage", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}))
                .awaitCompletion();
        assertEquals("malformed", awaitDeadLetter("garbage").errorType());
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("dynasplit_dead_letters_total{reason=\"wrong-tensor\",service=\"cloud-node\"}"));
    }

    @Test
    void aMissedDeadlineIsReportedAndCounted() {
        SplitModel model = ModelCatalog.shared().get("fmnist-cnn");
        SplitConfig cfg = new SplitConfig("fmnist-cnn", 2, 1800, AcceleratorMode.MAX, true);
        SplitTensor fast = tensor(cfg, model.head(2, model.inputFor(null, new byte[0], 9L)), WireDtype.FP32);
        SplitTensor impossible = new SplitTensor(fast.schemaVersion(), fast.requestId(), fast.edgeDeviceId(), fast.model(),
                0.001, fast.submittedAt(), fast.deadline(), fast.config(), fast.splitLayer(), fast.dtype(), fast.scale(),
                fast.zeroPoint(), fast.shape(), fast.edge(), fast.data());
        send(impossible);
        InferenceResult result = awaitResult(impossible.requestId());
        assertTrue(!result.thresholdMet() && result.latency().totalMs() > 0.001);
        RestAssured.get("/q/health/ready").then().statusCode(200);
        RestAssured.get("/q/health/live").then().statusCode(200);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("dynasplit_deadlines_missed_total{model=\"fmnist-cnn\"}"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }

    private static SplitTensor tensor(SplitConfig cfg, Activation activation, WireDtype dtype) {
        TensorData.Encoded wire = activation.encode(dtype);
        EdgeReport edge = new EdgeReport("edge-pi-a", "paper-pi4-coral", 0, 0, 12.5, 1.0, 0.05, 3.5,
                "emulated:paper-pi4-coral", "emulated:paper-pi4-coral", Instant.now());
        return new SplitTensor(SplitTensor.SCHEMA_VERSION, UUID.randomUUID().toString(), "pi-a", cfg.model(), 500,
                Instant.now(), Instant.now().plusMillis(500), cfg, cfg.layer(), wire.dtype(), wire.scale(),
                wire.zeroPoint(), activation.shapeList(), edge, wire.bytes());
    }

    private void send(SplitTensor tensor) {
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.CLOUD_TENSORS, tensor.requestId(), SplitTensorCodec.encode(tensor)))
                .awaitCompletion();
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
}
