package io.dynasplit.deploy;

import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.evaluation.LiveEvaluator;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.reprofile.Reprofiler;
import io.dynasplit.optimizer.reprofile.ReprofileService;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.statistics.Quantiles;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.emulated.BoardDrift;
import io.dynasplit.testbed.emulated.DriftedTestbed;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The closed loop around the running services: the scheduler holds fmnist-cnn's front as profiled; a drift is injected
 * into the edge node's emulated board (from its 20th command on, every head takes 1.6 times its profiled time and
 * computing energy, as the paper's ViT entry ran at about twice its profile), so the front goes stale while the stack
 * runs; the scheduler's own staleness hook, watching its results, asks once on
 * {@code dynasplit.reprofile} (nothing in the test watches for it); the reprofile service profiles the board again
 * through the running pipeline (live inferences on pi-a, beside the test's requests) and publishes the new front on
 * {@code dynasplit.pareto}; the running scheduler takes it in place, and the commands it sends next carry the new
 * front's version. No service is restarted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReprofileStackIT {
    static final String DEVICE = "pi-a";
    static final String MODEL = "fmnist-cnn";
    static final double DRIFT = 1.6;
    static final long DRIFT_FROM_COMMAND = 20;

    LocalStack stack;
    PipelineClient client;

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(StackSettings.defaults(home).withEdgeDevices(List.of(DEVICE))
                .withPreloadModels(List.of(MODEL)).withLogDir(home.resolve("deploy/target/it-logs-reprofile"))
                .withFirstHttpPort(28580).withEdgeDrift(new BoardDrift(DRIFT, DRIFT_FROM_COMMAND)));
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
    void aBoardThatDriftsIsFoundStaleReprofiledAndUsedByTheRunningSchedulerWithoutARestart() throws Exception {
        ModelDescriptor model = Models.require(MODEL);
        TestbedModel paper = Testbeds.create("paper");
        // the front as profiled before the drift (fmnist-cnn's profile has no accuracy figures)
        ParetoFront v1 = Optimizer.optimize(OptimizationRequest.nsga3(model, Budget.PAPER, 7)
                .withAccuracyObjective(false), new ProfileEvaluator(paper), EvaluationListener.NONE).front();
        // what the board's profile would say once it drifted, to check the new front against
        TestbedModel drifted = DriftedTestbed.board(paper, DRIFT);
        KafkaClientSettings kafka = KafkaClientSettings.of(stack.bootstrapServers());
        try (ParetoPublisher publisher = new ParetoPublisher(kafka)) {
            publisher.publish(v1);
        }
        stack.awaitFront(v1.key(), v1.version(), Duration.ofSeconds(60));
        // the log folder outlives a run: count the starts from here on
        int startsBefore = count(Files.readString(stack.service("scheduler").log()), " started in ");

        // the reprofile service measures the board as it runs now: live inferences through the running pipeline on
        // pi-a, beside the requests this test sends (reprofile-service --evaluator live --device-id pi-a)
        // (10 measured runs per configuration, the command's default: each entry carries their spread, which keeps
        // the scheduler from calling the new front stale on a noisy configuration's ordinary runs)
        LiveEvaluator.Settings live = new LiveEvaluator.Settings(DEVICE, paper.edgeDeviceClass(),
                paper.cpuFrequenciesMhz(), 10, 1, Duration.ofSeconds(30));
        Reprofiler reprofiler = new Reprofiler(() -> new LiveEvaluator(kafka, live, null), Budget.PAPER, 7,
                Clock.systemUTC());
        List<String> serviceLog = new CopyOnWriteArrayList<>();
        ReprofileService service = new ReprofileService(kafka, reprofiler, Clock.systemUTC(), serviceLog::add);
        Thread serviceThread = new Thread(service, "reprofile-service");
        serviceThread.start();
        // nobody but the scheduler watches the results: its staleness hook must ask by itself
        Map<String, Long> decidedOn = new HashMap<>();
        Random random = new Random(17);
        List<String> afterSwitch = new ArrayList<>();
        try {
            long newVersion = -1;
            for (int batch = 0; batch < 40 && afterSwitch.size() < 20; batch++) {
                List<InferenceRequest> requests = FrontRequests.draw(v1, List.of(DEVICE), MODEL, 10, random);
                requests.forEach(client::submit);
                Map<String, InferenceResult> results = client.await(
                        requests.stream().map(InferenceRequest::requestId).toList(), Duration.ofMinutes(2), null);
                assertEquals(requests.size(), results.size(), "every request has a result");
                Map<String, Decision> decisions = decisions(requests.size() * (batch + 1));
                for (InferenceRequest r : requests) {
                    InferenceResult result = results.get(r.requestId());
                    assertEquals(ResultStatus.OK, result.status(), result.detail());
                    long version = decisions.get(r.requestId()).frontVersion();
                    decidedOn.put(r.requestId(), version);
                    if (newVersion > 0 && version == newVersion) {
                        afterSwitch.add(r.requestId());
                    }
                }
                if (newVersion < 0 && reprofiler.newestVersion(v1.key()).orElse(v1.version()) > v1.version()) {
                    newVersion = reprofiler.newestVersion(v1.key()).orElseThrow();
                    // the running scheduler takes it from the topic
                    stack.awaitFront(v1.key(), newVersion, Duration.ofSeconds(60));
                }
            }
            List<ReprofileRequest> asked = read(Topics.REPROFILE, ReprofileRequest.class, 1);
            assertEquals(1, asked.size(), "the scheduler asked once about the stale front: " + asked);
            assertEquals(v1.version(), asked.get(0).frontVersion());
            assertTrue(asked.get(0).observations() > DRIFT_FROM_COMMAND,
                    "asked only once the board drifted: after " + asked.get(0).observations() + " results");
            assertTrue(asked.get(0).evidence().stream().allMatch(e -> e.config().layer() > 0), asked.toString());
            assertTrue(newVersion > v1.version(), "a newer front was published: " + serviceLog);
            assertEquals(20, afterSwitch.size(), "the running scheduler decided from the new version: " + decidedOn);
            ParetoFront v2 = reprofiled(newVersion);
            // measured, with the board's run-to-run spread: the heads' figures follow the drifted board, not the profile
            double[] toDrifted = v2.entries().stream().filter(e -> e.config().layer() > 0)
                    .mapToDouble(e -> e.latencyMs() / drifted.predict(e.config()).latencyMs()).toArray();
            double[] toProfile = v2.entries().stream().filter(e -> e.config().layer() > 0)
                    .mapToDouble(e -> e.latencyMs() / paper.predict(e.config()).latencyMs()).toArray();
            assertTrue(toDrifted.length > 0, "the new front runs heads on the board: " + v2.entries());
            assertTrue(v2.entries().stream().allMatch(e -> e.spread() != null && e.spread().runs() == 10),
                    "every measured entry carries its runs' spread: " + v2.entries());
            assertEquals(1.0, Quantiles.median(toDrifted), 0.15, "re-profiled on the board as it runs, measured /"
                    + " drifted profile per entry: " + Arrays.toString(toDrifted));
            assertTrue(Quantiles.median(toProfile) > 1.1, "not the profile before the drift, measured / profile per"
                    + " entry: " + Arrays.toString(toProfile));
            // replaced in place: one scheduler process, started once, that logged the new version
            assertTrue(stack.service("scheduler").isAlive());
            String log = Files.readString(stack.service("scheduler").log());
            assertEquals(startsBefore, count(log, " started in "), "the scheduler was not restarted");
            assertTrue(startsBefore >= 1, "the scheduler's start is in its log");
            assertTrue(log.contains("Pareto front " + v1.key() + " v" + newVersion), "the scheduler took v" + newVersion);
            long onV1 = decidedOn.values().stream().filter(v -> v == v1.version()).count();
            System.out.printf("ReprofileStackIT: asked after %d results on v%d; %d requests decided on v1, %d on v%d;"
                    + " new front's heads measured / drifted profile, median %.3f %s, measured / profile %.3f; %s%n",
                    asked.get(0).observations(), v1.version(), onV1, decidedOn.size() - onV1, newVersion,
                    Quantiles.median(toDrifted), Arrays.toString(toDrifted), Quantiles.median(toProfile), serviceLog);
        } finally {
            service.close();
            serviceThread.join(20_000);
        }
    }

    private final Map<Long, ParetoFront> fronts = new HashMap<>();

    /** A front version as published on the Pareto topic. */
    private ParetoFront reprofiled(long version) {
        return fronts.computeIfAbsent(version, v -> read(Topics.PARETO, ParetoFront.class, 0).stream()
                .filter(f -> f.model().equals(MODEL) && f.version() == v).findFirst()
                .orElseThrow(() -> new AssertionError("no front v" + v + " on " + Topics.PARETO)));
    }

    /** The scheduler's decision per request id, from the commands it sent (at least {@code expected} of them). */
    private Map<String, Decision> decisions(int expected) {
        Map<String, Decision> out = new HashMap<>();
        read(Topics.edgeCommands(DEVICE), EdgeCommand.class, expected)
                .forEach(c -> out.put(c.request().requestId(), c.decision()));
        return out;
    }

    private <T> List<T> read(String topic, Class<T> type, int atLeast) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            List<T> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long end = c.endOffsets(List.of(tp)).get(tp);
            while ((c.position(tp) < end || out.size() < atLeast) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(r -> out.add(Json.read(r.value(), type)));
                end = c.endOffsets(List.of(tp)).get(tp);
            }
            return out;
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
