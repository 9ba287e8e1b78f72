package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.time.DeviceClock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision topology with a recording decider, on Kafka Streams' test driver (mocked wall clock). */
class DecisionTopologyTest {
    private static final long GRACE_MS = 1_000;
    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");
    private static final SplitConfig SPLIT = new SplitConfig("vgg16", 19, 800, AcceleratorMode.MAX, true);
    private static final SplitConfig EDGE_ONLY = new SplitConfig("vgg16", 22, 1200, AcceleratorMode.MAX, false);

    /** What the decider saw, and the edge work it routed, per request. */
    private record Seen(String requestId, DeviceState state, double edgeMs) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicInteger timeouts = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> requests;
    private TestInputTopic<String, byte[]> results;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, byte[]> resultsOut;

    @BeforeEach
    void start() {
        RequestDecider decider = (request, device) -> {
            if (request.model().equals("unknown")) {
                throw new RejectedRecordException(DeadLetterReason.UNKNOWN_MODEL, "unknown model");
            }
            if (request.latencyThresholdMs() < 1) {
                return new RequestOutcome.Answered(SchedulerResults.answer(request, ResultStatus.REJECTED, "too tight",
                        START));
            }
            // each request's edge work differs, so a queue that adds up the wrong requests is caught
            double edgeMs = 100 + seen.size() * 7;
            SplitConfig config = seen.size() % 2 == 0 ? SPLIT : EDGE_ONLY;
            double reconfigurationMs = config.equals(device.currentConfig()) ? 0 : 50;
            seen.add(new Seen(request.requestId(), device, reconfigurationMs + edgeMs));
            return new RequestOutcome.Routed(new EdgeCommand(EdgeCommand.SCHEMA_VERSION, request, config, WireDtype.FP32,
                    request.submittedAt().plusMillis((long) request.latencyThresholdMs()),
                    new Decision("energy-within-threshold", false, 500, 1, device.queuedMs(), reconfigurationMs, 1, 1,
                            "device"), START), reconfigurationMs, edgeMs);
        };
        DecisionEvents events = new DecisionEvents() {
            @Override
            public void repeated() {
                repeats.incrementAndGet();
            }

            @Override
            public void timedOut() {
                timeouts.incrementAndGet();
            }
        };
        DecisionSettings settings = new DecisionSettings(6, GRACE_MS, Duration.ofMillis(100), new DeviceClock(1),
                "scheduler");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dynasplit-scheduler-test");
        driver = new TopologyTestDriver(DecisionTopology.build(decider, settings, events), props, START);
        requests = driver.createInputTopic(Topics.REQUESTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                START, Duration.ZERO);
        results = driver.createInputTopic(Topics.RESULTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                START, Duration.ZERO);
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        resultsOut = driver.createOutputTopic(Topics.RESULTS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        driver.advanceWallClockTime(Duration.ofMillis(100)); // the first sweep starts the task's take-over grace
    }

    @Test
    void aTaskJustTakenOverWaitsOneGracePeriodBeforeGivingTimeouts() {
        // as restored from the changelog: a request whose time ran out while no replica owned its device
        PendingRequest restored = new PendingRequest("old-1", "pi-a", "vgg16", 10, START.minusSeconds(60),
                START.minusSeconds(50).toEpochMilli(), false, SPLIT, WireDtype.FP32, START.minusSeconds(60), null);
        driver.<String, PendingRequest>getKeyValueStore(DecisionTopology.PENDING_STORE).put("old-1", restored);
        driver.<String, String>getKeyValueStore(DecisionTopology.DEADLINES_STORE)
                .put(DeadlineKey.of(restored.expiresAtMillis(), "old-1"), "old-1");
        driver.advanceWallClockTime(Duration.ofMillis(GRACE_MS - 300));
        assertTrue(resultsOut.isEmpty(), "results of the time nobody owned the device may still be on their way");
        driver.advanceWallClockTime(Duration.ofMillis(400));
        assertEquals("old-1", Json.read(resultsOut.readValue(), InferenceResult.class).requestId());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aBurstForOneDeviceIsDecidedInOrderEachDecisionQueuedBehindTheWorkRoutedBeforeIt() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(send("pi-a", 5_000));
        }
        List<EdgeCommand> commands = commands("pi-a");
        assertEquals(sent, commands.stream().map(c -> c.request().requestId()).toList(), "commands leave in request order");
        double routedBefore = 0;
        SplitConfig toldBefore = null;
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(routedBefore, seen.get(i).state().queuedMs(), 1e-9, "request " + i + "'s queue");
            assertEquals(routedBefore, commands.get(i).decision().predictedQueueMs(), 1e-9);
            assertEquals(toldBefore, seen.get(i).state().currentConfig(), "request " + i + " sees the knobs last told");
            routedBefore += seen.get(i).edgeMs();
            toldBefore = commands.get(i).config().edgeKnobsAfter(toldBefore);
        }
        assertTrue(commands("pi-b").isEmpty(), "no other device's topic is written");
    }

    @Test
    void devicesQueueSeparatelyAndTheQueueDrainsWithDeviceTime() {
        send("pi-a", 5_000);
        send("pi-b", 5_000);
        assertEquals(0, seen.get(1).state().queuedMs(), "pi-b's queue holds nothing of pi-a's");
        double busy = seen.get(0).edgeMs();
        driver.advanceWallClockTime(Duration.ofMillis(40));
        send("pi-a", 5_000);
        assertEquals(busy - 40, seen.get(2).state().queuedMs(), 1e-9, "40 ms of device time worked off");
    }

    @Test
    void aRedeliveredRequestIsNotDecidedTwiceButItsCommandGoesOutAgainUntilSettled() {
        InferenceRequest request = request("pi-a", 5_000);
        requests.pipeInput("pi-a", Json.write(request));
        requests.pipeInput("pi-a", Json.write(request));
        List<EdgeCommand> sent = commands("pi-a");
        assertEquals(2, sent.size(), "the first command may have been lost with the replica that sent it");
        assertEquals(sent.get(0).config(), sent.get(1).config());
        assertEquals(sent.get(0).decision(), sent.get(1).decision(), "the very same decision");
        assertEquals(1, seen.size(), "decided and charged once");
        results.pipeInput(request.requestId(), Json.write(okResult(request.requestId(), "pi-a")));
        requests.pipeInput("pi-a", Json.write(request));
        assertTrue(commands("pi-a").isEmpty(), "settled: nothing more to send");
        assertEquals(2, repeats.get());
    }

    @Test
    void anUnsettledRequestGetsItsTimeoutResultAndASettledOneDoesNot() {
        String late = send("pi-a", 500);
        String done = send("pi-b", 500);
        results.pipeInput(done, Json.write(okResult(done, "pi-b")));
        driver.advanceWallClockTime(Duration.ofMillis(500 + GRACE_MS - 200));
        assertTrue(resultsOut.isEmpty(), "not yet due");
        driver.advanceWallClockTime(Duration.ofMillis(400));
        List<InferenceResult> answers = resultsOut.readValuesToList().stream()
                .map(v -> Json.read(v, InferenceResult.class)).toList();
        assertEquals(1, answers.size(), "one timeout, for the request with no result: " + answers);
        assertEquals(late, answers.get(0).requestId());
        assertEquals(ResultStatus.TIMEOUT, answers.get(0).status());
        assertEquals(1, timeouts.get());
        requests.pipeInput("pi-a", Json.write(requestWithId(late, "pi-a", 500)));
        assertEquals(1, repeats.get(), "a redelivery right after its timeout is still recognised");
        driver.advanceWallClockTime(Duration.ofMillis(5_000));
        assertTrue(resultsOut.isEmpty(), "a timeout is given once");
        assertNull(driver.<String, PendingRequest>getKeyValueStore(DecisionTopology.PENDING_STORE).get(late),
                "expired requests are forgotten a grace period after their timeout");
    }

    @Test
    void anAnsweredRequestGetsItsResultAndNoTimeout() {
        String id = send("pi-a", 0.5);
        InferenceResult answer = Json.read(resultsOut.readValue(), InferenceResult.class);
        assertEquals(id, answer.requestId());
        assertEquals(ResultStatus.REJECTED, answer.status());
        driver.advanceWallClockTime(Duration.ofMillis(10 * GRACE_MS));
        assertTrue(resultsOut.isEmpty());
    }

    @Test
    void refusedRecordsBecomeDeadLettersWithTheirReason() {
        requests.pipeInput("pi-a", "{not json".getBytes());
        InferenceRequest misKeyed = request("pi-a", 5_000);
        requests.pipeInput("pi-b", Json.write(misKeyed));
        InferenceRequest unknown = InferenceRequest.of("u-1", "pi-a", "unknown", 500, null, new byte[0], 7L, START);
        requests.pipeInput("pi-a", Json.write(unknown));
        List<DeadLetter> letters = deadLetters.readValuesToList().stream().map(v -> Json.read(v, DeadLetter.class)).toList();
        assertEquals(List.of("malformed", "invalid", "unknown-model"), letters.stream().map(DeadLetter::errorType).toList());
        assertTrue(letters.get(1).reason().contains("keyed by edge device"), letters.get(1).reason());
        assertEquals(Topics.REQUESTS, letters.get(0).sourceTopic());
        assertTrue(commands("pi-a").isEmpty() && commands("pi-b").isEmpty());
        assertNotNull(send("pi-a", 5_000));
        assertEquals(1, commands("pi-a").size(), "good requests keep flowing");
    }

    private String send(String device, double thresholdMs) {
        InferenceRequest request = request(device, thresholdMs);
        requests.pipeInput(device, Json.write(request));
        return request.requestId();
    }

    private static int counter;

    private static InferenceRequest request(String device, double thresholdMs) {
        return requestWithId("r-" + (++counter), device, thresholdMs);
    }

    private static InferenceRequest requestWithId(String id, String device, double thresholdMs) {
        return InferenceRequest.of(id, device, "vgg16", thresholdMs, null, new byte[0], 7L, START);
    }

    private List<EdgeCommand> commands(String device) {
        return driver.createOutputTopic(Topics.edgeCommands(device), Serdes.String().deserializer(),
                        Serdes.ByteArray().deserializer())
                .readValuesToList().stream().map(v -> Json.read(v, EdgeCommand.class)).toList();
    }

    private static InferenceResult okResult(String requestId, String device) {
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, requestId, device, "vgg16", ResultStatus.OK, List.of(),
                SPLIT, null, null, null, 500, true, null, null, null, START, START);
    }
}
