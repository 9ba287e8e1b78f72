package io.dynasplit.deploy;

import io.dynasplit.contracts.EnergyTelemetry;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.onnx.catalog.ImportedModelSource;
import io.dynasplit.onnx.importer.ModelImporter;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;
import io.dynasplit.onnx.store.ModelsDirectory;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.LiveEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network nobody here wrote, served end to end on the real broker: the stack starts knowing only its built-in
 * models; inception v1 (the onnx wheel's zoo graph; 1.6 G MACs, so that cloud, split and edge-only configurations
 * trade latency for energy on the emulated testbed) is then imported, optimised live through the running pipeline,
 * its front published, and 100 requests over two devices each get exactly one result from a valid split point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportedModelIT {
    static final List<String> DEVICES = List.of("pi-a", "pi-b");
    static final String MODEL = "inception-v1-zoo";

    Path modelsDir;
    LocalStack stack;
    PipelineClient client;
    ImportedModelSource source;

    @BeforeAll
    void startStack() throws IOException {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        Path zooGraph = home.resolve(".cache/onnx-zoo/light_inception_v1.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(zooGraph),
                zooGraph + " missing: run .ci/fetch-onnx-zoo (the install step of .ci/run)");
        modelsDir = home.resolve("deploy/target/it-models");
        deleteTree(modelsDir);
        Files.createDirectories(modelsDir);
        System.setProperty(ModelsDirectory.PROPERTY, modelsDir.toString());
        source = ImportedModelSource.install(new ModelStore(modelsDir));
        stack = LocalStack.start(StackSettings.defaults(home).withEdgeDevices(DEVICES)
                .withLogDir(home.resolve("deploy/target/it-logs-imported")).withFirstHttpPort(28180));
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
        if (source != null) {
            Models.removeSource(source);
        }
        System.clearProperty(ModelsDirectory.PROPERTY);
    }

    @Test
    void importedWhileTheStackRunsOptimisedLiveAndServed() {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        ModelPackage imported = new ModelImporter(new ModelStore(modelsDir), Clock.systemUTC())
                .importFile(home.resolve(".cache/onnx-zoo/light_inception_v1.onnx"), MODEL, false);
        ModelDescriptor model = Models.require(MODEL);
        assertEquals(imported.model().descriptor(), model);

        TestbedModel testbed = Testbeds.create("paper");
        var settings = new LiveEvaluator.Settings("pi-a", testbed.edgeDeviceClass(), testbed.cpuFrequenciesMhz(), 2, 1,
                Duration.ofSeconds(60));
        ParetoFront front;
        try (LiveEvaluator live = new LiveEvaluator(KafkaClientSettings.of(stack.bootstrapServers()), settings, null)) {
            front = Optimizer.optimize(OptimizationRequest.nsga3(model, Budget.count(40), 7)
                    .withAccuracyObjective(false), live, EvaluationListener.NONE).front();
            // an interior split point, pinned: the head's tensor crosses the broker and the cloud runs the tail
            int middle = model.lastLayer() / 2;
            var split = live.evaluate(new io.dynasplit.contracts.SplitConfig(MODEL, middle, 1800,
                    io.dynasplit.contracts.AcceleratorMode.OFF, false));
            assertTrue(split.latencyMs() > 0 && Double.isFinite(split.energyJ()), "split at " + middle + ": " + split);
        }
        assertTrue(front.entries().size() >= 2, "a front of several configurations: " + front.entries().size());
        try (ParetoPublisher publisher = new ParetoPublisher(KafkaClientSettings.of(stack.bootstrapServers()))) {
            publisher.publish(front);
        }
        stack.awaitFront(front.key(), front.version(), Duration.ofSeconds(60));

        List<InferenceRequest> requests = FrontRequests.draw(front, DEVICES, MODEL, 100, new Random(11));
        requests.forEach(client::submit);
        Map<String, InferenceResult> results = client.await(requests.stream().map(InferenceRequest::requestId).toList(),
                Duration.ofMinutes(4), null);
        assertEquals(100, results.size(), "every request has a result");
        Map<String, Integer> counts = client.resultCounts(Duration.ofSeconds(3));
        Map<String, String> edgeNodes = edgeTelemetry();
        java.util.Set<Integer> layers = new java.util.TreeSet<>();
        for (InferenceRequest request : requests) {
            assertEquals(1, counts.get(request.requestId()), "one result for " + request.requestId());
            InferenceResult result = results.get(request.requestId());
            assertEquals(ResultStatus.OK, result.status(), "status of " + request.requestId());
            assertEquals(MODEL, result.model());
            assertTrue(model.validate(result.config()).isEmpty(), "valid configuration " + result.config());
            assertTrue(result.config().layer() >= 0 && result.config().layer() <= imported.splitPoints().size() - 1);
            assertTrue(front.entries().stream().map(ParetoEntry::config).anyMatch(result.config()::equals),
                    "the configuration comes from the live front");
            assertEquals(5, result.topK().size(), "top-5 of 1000 classes");
            assertEquals("edge-" + request.edgeDeviceId(), edgeNodes.get(request.requestId()),
                    "the head ran on the request's own device");
            double sum = result.latency().queueMs() + result.latency().reconfigurationMs() + result.latency().edgeMs()
                    + result.latency().transferMs() + result.latency().cloudMs();
            assertEquals(sum, result.latency().totalMs(), 1e-6);
            assertEquals(result.latency().totalMs() <= request.latencyThresholdMs(), result.thresholdMet(),
                    "deadline accounting of " + request.requestId());
            layers.add(result.config().layer());
            assertTrue(result.sources().edgeEnergy().startsWith("estimated:"),
                    "the emulated board's figures for an imported model are estimates: " + result.sources());
        }
        long met = results.values().stream().filter(InferenceResult::thresholdMet).count();
        System.out.printf("ImportedModelIT: live front %s; 100 results from layers %s, %d thresholds met%n",
                front.entries().stream().map(e -> "l" + e.config().layer() + "@" + e.config().cpuMhz()
                        + (e.config().cloudGpu() ? "+gpu" : "") + " " + Math.round(e.latencyMs()) + " ms").toList(),
                layers, met);
        // the mixed thresholds pick several front entries, and some of them leave a tail for the cloud
        assertTrue(layers.size() >= 2, "results from several split points: " + layers);
        assertTrue(layers.stream().anyMatch(l -> l < model.lastLayer()), "a tail ran in the cloud: " + layers);
    }

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

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
