package io.dynasplit.deploy;

import io.dynasplit.contracts.EnergyTelemetry;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.OptimizationResult;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.LiveEvaluator;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.Budget;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline through a real Kafka broker: the scheduler, two edge nodes (pi-a, pi-b) and a cloud node, each
 * in its own JVM from its packaged jar, exactly as {@code ./dynasplit stack} runs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    static final List<String> DEVICES = List.of("pi-a", "pi-b");

    LocalStack stack;
    PipelineClient client;
    ParetoFront front;

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(StackSettings.defaults(home).withEdgeDevices(DEVICES)
                .withLogDir(home.resolve("deploy/target/it-logs")).withFirstHttpPort(28080));
        front = FrontRequests.publishFmnistFront(stack, KafkaClientSettings.of(stack.bootstrapServers()),
                Duration.ofSeconds(60));
        client = new PipelineClient(stack.bootstrapServers());
    }

    @AfterAll
    void stopStack() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void twoHundredRequestsForTwoDevicesGetExactlyTwoHundredResults() {
        List<InferenceRequest> requests = requests(200, new Random(1));
        requests.forEach(client::submit);
        Map<String, InferenceResult> results = client.await(ids(requests), Duration.ofMinutes(3), null);
        assertEquals(200, results.size(), "every request has a result");
        Map<String, Integer> counts = client.resultCounts(Duration.ofSeconds(3));
        requests.forEach(r -> assertEquals(1, counts.get(r.requestId()), "one result for " + r.requestId()));

        Map<String, String> edgeNodeByRequest = edgeTelemetry();
        for (InferenceRequest request : requests) {
            InferenceResult result = results.get(request.requestId());
            assertEquals(ResultStatus.OK, result.status());
            assertEquals(request.edgeDeviceId(), result.edgeDeviceId());
            assertTrue(Models.FMNIST_CNN.validate(result.config()).isEmpty(), "valid configuration " + result.config());
            assertTrue(front.entries().stream().map(ParetoEntry::config).anyMatch(result.config()::equals),
                    "the configuration comes from the Pareto front");
            assertEquals("edge-" + request.edgeDeviceId(), edgeNodeByRequest.get(request.requestId()),
                    "the head ran on the request's own device");
            double sum = result.latency().queueMs() + result.latency().reconfigurationMs() + result.latency().edgeMs()
                    + result.latency().transferMs() + result.latency().cloudMs();
            assertEquals(sum, result.latency().totalMs(), 1e-6);
            assertEquals(result.latency().totalMs() <= request.latencyThresholdMs(), result.thresholdMet(),
                    "SLO accounting of " + request.requestId());
        }
    }

    @Test
    @Order(2)
    void aCloudNodeKilledMidRunLosesNothingAndDuplicatesNothing() {
        restartMidRun("cloud-1");
    }

    @Test
    @Order(3)
    void anEdgeNodeKilledMidRunLosesNothingAndDuplicatesNothing() {
        restartMidRun("edge-pi-a");
    }

    @Test
    @Order(4)
    void everyKindOfBadInputEndsInTheDeadLetterTopicWhileGoodRequestsFlow() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        InferenceRequest good = requests(1, new Random(3)).get(0);
        client.publishRaw(Topics.REQUESTS, tag + "-malformed", "{\"requestId\":".getBytes());
        // requests are keyed by their device (the scheduler refuses others): the dead letter's excerpt names them
        client.publishRaw(Topics.REQUESTS, "pi-a", Json.write(InferenceRequest.of(tag + "-model", "pi-a",
                "alexnet", 100, null, new byte[0], 1L, Instant.now())));
        client.publishRaw(Topics.REQUESTS, "pi-zz", Json.write(InferenceRequest.of(tag + "-device", "pi-zz",
                "fmnist-cnn", 100, null, new byte[0], 1L, Instant.now())));
        client.publishRaw(Topics.REQUESTS, "pi-a", Json.write(InferenceRequest.of(tag + "-threshold", "pi-a",
                "fmnist-cnn", 0, null, new byte[0], 1L, Instant.now())));
        client.publishRaw(Topics.REQUESTS, "pi-a", Json.write(InferenceRequest.of(tag + "-oversize", "pi-a",
                "fmnist-cnn", 100, "image/png", new byte[3_000_001], null, Instant.now())));
        client.publishRaw(Topics.REQUESTS, "pi-b", Json.write(InferenceRequest.of(tag + "-key", "pi-a",
                "fmnist-cnn", 100, null, new byte[0], 1L, Instant.now())));
        client.publishRaw(Topics.CLOUD_TENSORS, tag + "-frame", "not a tensor frame".getBytes());
        client.publishRaw(Topics.CLOUD_TENSORS, tag + "-dtype", wrongTensor(tag + "-dtype"));
        client.submit(good);

        Map<String, String> reasons = deadLetters(tag, 8);
        assertEquals(Map.of(tag + "-malformed", "malformed", tag + "-model", "unknown-model",
                tag + "-device", "unknown-device", tag + "-threshold", "invalid", tag + "-oversize", "oversize",
                tag + "-key", "invalid", tag + "-frame", "malformed", tag + "-dtype", "wrong-tensor"), reasons);
        assertEquals(ResultStatus.OK, client.await(List.of(good.requestId()), Duration.ofMinutes(1), null)
                .get(good.requestId()).status(), "good requests keep flowing");
    }

    @Test
    @Order(5)
    void aLiveOptimisationRunsThroughTheRealPipeline() {
        var settings = new LiveEvaluator.Settings("pi-b", "paper-pi4-coral", List.of(600, 1200, 1800), 3, 1,
                Duration.ofSeconds(60));
        try (LiveEvaluator live = new LiveEvaluator(KafkaClientSettings.of(stack.bootstrapServers()), settings, null)) {
            OptimizationResult result = Optimizer.optimize(OptimizationRequest.nsga3(Models.FMNIST_CNN,
                    Budget.count(12), 3).withAccuracyObjective(false), live, EvaluationListener.NONE);
            assertTrue(result.search().evaluations() >= 12, "evaluations " + result.search().evaluations());
            assertTrue(!result.front().entries().isEmpty());
            assertEquals("live", result.front().provenance().evaluator());
            for (ParetoEntry e : result.front().entries()) {
                assertTrue(e.latencyMs() > 0 && e.energyJ() > 0, "measured through the pipeline: " + e);
            }
        }
    }

    /** A frame whose shape fits layer 3 of fmnist-cnn but whose header claims another dtype's data size. */
    private static byte[] wrongTensor(String requestId) {
        io.dynasplit.contracts.SplitConfig cfg = new io.dynasplit.contracts.SplitConfig("fmnist-cnn", 3, 1800,
                io.dynasplit.contracts.AcceleratorMode.MAX, true);
        List<Integer> shape = io.dynasplit.runtime.ModelCatalog.shared().splitPoints("fmnist-cnn").get(3).shape();
        long elements = shape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        // fp16 data of the right shape, labelled as a layer-4 tensor: shape and layer disagree
        io.dynasplit.contracts.SplitTensor t = new io.dynasplit.contracts.SplitTensor(1, requestId, "pi-a",
                "fmnist-cnn", 100, Instant.now(), Instant.now(), cfg, 4, io.dynasplit.contracts.WireDtype.FP16, 1, 0,
                shape, null, new byte[(int) elements * 2]);
        return io.dynasplit.contracts.SplitTensorCodec.encode(t);
    }

    private Map<String, String> deadLetters(String tag, int expected) {
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers(), "group.id", "it-dlq-" + tag, "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && reasons.size() < expected) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    var letter = Json.read(r.value(), io.dynasplit.contracts.DeadLetter.class);
                    java.util.regex.Matcher tagged = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(tag)
                            + "-[a-z]+").matcher((r.key() == null ? "" : r.key()) + " " + letter.payloadExcerpt());
                    if (tagged.find()) {
                        reasons.put(tagged.group(), letter.errorType());
                    }
                }
            }
        }
        return reasons;
    }

    private void restartMidRun(String service) {
        List<InferenceRequest> requests = requests(100, new Random(service.hashCode()));
        requests.subList(0, 50).forEach(client::submit);
        Map<String, InferenceResult> early = client.await(ids(requests.subList(0, 10)), Duration.ofMinutes(2), null);
        assertEquals(10, early.size());
        stack.service(service).kill();
        requests.subList(50, 100).forEach(client::submit);
        stack.restart(service);
        Map<String, InferenceResult> results = client.await(ids(requests), Duration.ofMinutes(3), null);
        assertEquals(100, results.size(), "every request completes after " + service + " was killed and restarted");
        Map<String, Integer> counts = client.resultCounts(Duration.ofSeconds(5));
        for (InferenceRequest r : requests) {
            assertEquals(1, counts.get(r.requestId()), "exactly one result for " + r.requestId());
            assertEquals(ResultStatus.OK, results.get(r.requestId()).status());
        }
    }

    private List<InferenceRequest> requests(int n, Random random) {
        double fastest = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).min().orElseThrow();
        double slowest = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).max().orElseThrow();
        List<InferenceRequest> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double threshold = fastest * 0.8 + random.nextDouble() * (slowest * 1.5 - fastest * 0.8);
            list.add(InferenceRequest.of(UUID.randomUUID().toString(), DEVICES.get(i % DEVICES.size()), "fmnist-cnn",
                    threshold, null, new byte[0], (long) i, Instant.now()));
        }
        return list;
    }

    private static List<String> ids(List<InferenceRequest> requests) {
        return requests.stream().map(InferenceRequest::requestId).toList();
    }

    /** Which edge node reported energy for each request (telemetry, from the beginning). */
    private Map<String, String> edgeTelemetry() {
        Map<String, String> nodeByRequest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers(), "group.id", "it-telemetry-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TELEMETRY));
            long deadline = System.currentTimeMillis() + 20_000;
            int empty = 0;
            while (System.currentTimeMillis() < deadline && empty < 5) {
                var records = consumer.poll(Duration.ofMillis(500));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, byte[]> r : records) {
                    EnergyTelemetry t = Json.read(r.value(), EnergyTelemetry.class);
                    if ("edge".equals(t.role())) {
                        nodeByRequest.put(t.requestId(), t.nodeId());
                    }
                }
            }
        }
        return nodeByRequest;
    }
}
