package io.dynasplit.optimizer.evaluation;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.localbroker.LocalKafka;
import io.dynasplit.optimizer.FakeTestbed;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.OptimizationResult;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.kafka.SharedKafka;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveEvaluatorTest {
    private static final List<Integer> MHZ = List.of(1000, 1800);
    private final FakeTestbed testbed = new FakeTestbed(MHZ);

    private static LocalKafka kafka(String... devices) {
        LocalKafka kafka = SharedKafka.get();
        kafka.provisionDevices(List.of(devices));
        return kafka;
    }

    private LiveEvaluator.Settings settings(String device, int inferences, Duration timeout) {
        return new LiveEvaluator.Settings(device, "fake-board", MHZ, inferences, 1, timeout);
    }

    @Test
    void optimisesASmallModelThroughTheBrokerWithPinnedCommandsAndMedianResults() throws Exception {
        LocalKafka kafka = kafka("live-a");
        OptimizationResult result;
        try (FakeEdgeResponder edge = new FakeEdgeResponder(kafka.bootstrapServers(), "live-a", testbed, ResultStatus.OK);
             LiveEvaluator live = new LiveEvaluator(KafkaClientSettings.of(kafka.bootstrapServers()),
                     settings("live-a", 3, Duration.ofSeconds(20)), c -> testbed.predict(c).accuracy())) {
            result = Optimizer.optimize(OptimizationRequest.nsga3(Models.FMNIST_CNN, Budget.count(8), 3), live,
                    EvaluationListener.NONE);

            assertEquals(8, result.search().evaluations());
            // every measured configuration got one warm-up and three measured inferences, nothing twice
            assertEquals(8, edge.perConfig.size());
            assertTrue(edge.perConfig.values().stream().allMatch(n -> n == 4), edge.perConfig.toString());
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : edge.commands) {
                EdgeCommand command = Json.read(record.value(), EdgeCommand.class);
                assertEquals("live-a", record.key());
                assertEquals("live-a", command.request().edgeDeviceId());
                assertEquals(LiveEvaluator.POLICY, command.decision().policy());
                // int8 heads, but the raw input of a cloud-only run travels as fp32
                assertEquals(command.config().layer() == 0 ? WireDtype.FP32 : WireDtype.INT8, command.tensorDtype());
                assertEquals(0, command.request().input().length);
                assertEquals("1.0", CloudEventHeaders.value(record.headers(), "ce_specversion"));
                assertEquals(EventTypes.EDGE_COMMAND, CloudEventHeaders.value(record.headers(), "ce_type"));
                assertEquals("application/json", CloudEventHeaders.value(record.headers(), "content-type"));
                assertEquals(EventTypes.dataSchema(EdgeCommand.class), CloudEventHeaders.value(record.headers(), "ce_dataschema"));
                assertTrue(CloudEventHeaders.value(record.headers(), "ce_time") != null);
                assertTrue(CloudEventHeaders.value(record.headers(), "ce_source") != null);
                assertTrue(ids.add(CloudEventHeaders.value(record.headers(), "ce_id")), "ce_id repeated");
            }
        }
        // the cold first run is discarded and the median of 1.2x, 1.0x, 0.9x is the prediction itself
        for (ParetoEntry e : result.front().entries()) {
            assertEquals(testbed.predict(e.config()).latencyMs(), e.latencyMs(), 1e-9, e.config().label());
            assertEquals(testbed.predict(e.config()).energyJ(), e.energyJ(), 1e-9, e.config().label());
            assertEquals(testbed.predict(e.config()).accuracy(), e.accuracy(), 1e-12);
            // and their spread, which the staleness check weighs later runs against: sd / mean of 1.2, 1.0, 0.9
            assertEquals(3, e.spread().runs());
            assertEquals(Math.sqrt(0.14 / 3 / 2) / (3.1 / 3), e.spread().latencyCv(), 1e-9, e.config().label());
            assertEquals(Math.sqrt(0.14 / 3 / 2) / (3.1 / 3), e.spread().energyCv(), 1e-9, e.config().label());
        }
        assertEquals("live", result.front().provenance().evaluator());
        assertTrue(result.front().provenance().hardwareIdentity().startsWith("live:live-a/fake-board"));
        assertTrue(result.front().provenance().hardwareIdentity().contains("emulated:fake-cloud"));
        assertNull(result.hypervolumeRatio());
    }

    @Test
    void queueTimeIsNotTheConfigurationsCost() throws Exception {
        // an emulated board without pacing keeps its busy-until in device time, ahead of the wall clock: inferences
        // sent one at a time still report a growing queue, which is load, not what the configuration costs
        SplitConfig c = new SplitConfig("fmnist-cnn", 3, 1800, io.dynasplit.contracts.AcceleratorMode.OFF, true);
        Measurement m = evaluateOnce("live-queue", c, edge -> edge.queueGrowthMs = 500);
        assertEquals(testbed.predict(c).latencyMs(), m.latencyMs(), 1e-9);
        assertEquals(testbed.predict(c).energyJ(), m.energyJ(), 1e-9);
    }

    @Test
    void aKnobSwitchIsNotTheConfigurationsCost() throws Exception {
        // on a device that also serves traffic, other commands change the knobs between our inferences, and each of
        // ours then pays a switch: the order things ran in, not the configuration (the profile leaves it out too)
        SplitConfig c = new SplitConfig("fmnist-cnn", 3, 1800, io.dynasplit.contracts.AcceleratorMode.OFF, true);
        assertEquals(testbed.predict(c).latencyMs(), evaluateOnce("live-switch", c, edge -> edge.switchMs = 137)
                .latencyMs(), 1e-9);
    }

    /** One live evaluation of {@code config} against a fake edge that {@code fault} has set up. */
    private Measurement evaluateOnce(String device, SplitConfig config, Consumer<FakeEdgeResponder> fault)
            throws Exception {
        LocalKafka kafka = kafka(device);
        try (FakeEdgeResponder edge = new FakeEdgeResponder(kafka.bootstrapServers(), device, testbed, ResultStatus.OK);
             LiveEvaluator live = new LiveEvaluator(KafkaClientSettings.of(kafka.bootstrapServers()),
                     settings(device, 3, Duration.ofSeconds(20)), null)) {
            fault.accept(edge);
            return live.evaluate(config);
        }
    }


    @Test
    void aDeviceWithoutACommandsTopicIsRefusedAtOnceNamingTheDevicesThereAre() {
        LocalKafka kafka = kafka("live-known");
        EvaluationException e = assertThrows(EvaluationException.class, () -> new LiveEvaluator(
                KafkaClientSettings.of(kafka.bootstrapServers()), settings("live-unknown", 1, Duration.ofSeconds(5)),
                null));
        assertTrue(e.getMessage().startsWith("no edge device 'live-unknown' on this broker (no topic"
                + " dynasplit.edge.live-unknown.commands); its devices: "), e.getMessage());
        assertTrue(e.getMessage().contains("live-known"), e.getMessage());
    }

    @Test
    void aDeviceThatNeverAnswersFailsTheEvaluationWithTheReason() {
        LocalKafka kafka = kafka("live-silent");
        try (LiveEvaluator live = new LiveEvaluator(KafkaClientSettings.of(kafka.bootstrapServers()),
                settings("live-silent", 1, Duration.ofMillis(800)), null)) {
            SplitConfig c = new SplitConfig("fmnist-cnn", 3, 1800, io.dynasplit.contracts.AcceleratorMode.OFF, true);
            EvaluationException e = assertThrows(EvaluationException.class, () -> live.evaluate(c));
            assertTrue(e.getMessage().contains("no result"), e.getMessage());
            assertTrue(e.getMessage().contains("live-silent"), e.getMessage());
        }
    }

    @Test
    void aFailedInferenceFailsTheEvaluation() throws Exception {
        LocalKafka kafka = kafka("live-broken");
        try (FakeEdgeResponder edge = new FakeEdgeResponder(kafka.bootstrapServers(), "live-broken", testbed, ResultStatus.FAILED);
             LiveEvaluator live = new LiveEvaluator(KafkaClientSettings.of(kafka.bootstrapServers()),
                     settings("live-broken", 1, Duration.ofSeconds(20)), null)) {
            SplitConfig c = new SplitConfig("fmnist-cnn", 3, 1800, io.dynasplit.contracts.AcceleratorMode.OFF, true);
            EvaluationException e = assertThrows(EvaluationException.class, () -> live.evaluate(c));
            assertTrue(e.getMessage().contains("failed"), e.getMessage());
        }
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Quantiles.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, Quantiles.median(new double[] {5, 3, 1}));
    }
}
