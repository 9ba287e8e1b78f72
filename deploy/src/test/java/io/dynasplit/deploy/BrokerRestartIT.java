package io.dynasplit.deploy;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-JVM broker stopped mid-run and started again on the same log directory and port while the scheduler, two
 * edge nodes and the cloud node keep running: every request still ends with exactly one result, {@code ok} or
 * {@code timeout}, none lost and none twice. The outage and what followed it are written to
 * {@code deploy/target/it-logs-broker-restart/broker-restart.txt} (docs/scale-out.md quotes them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerRestartIT {
    static final List<String> DEVICES = List.of("pi-a", "pi-b");
    static final int REQUESTS = 200;
    static final long PACE_MS = 125; // 200 requests over 25 s
    static final int RESTART_AT = 80; // 10 s into the run
    /** How long the broker stays down; {@code -Ddynasplit.it.broker-downtime-s=N} for a longer outage. */
    static final Duration DOWNTIME = Duration.ofSeconds(Integer.getInteger("dynasplit.it.broker-downtime-s", 5));
    /** The scheduler's timeout grace (30 s): a result can come that much after the deadline, then no more. */
    static final Duration GRACE = Duration.ofSeconds(30);

    LocalStack stack;
    PipelineClient client;
    ParetoFront front;
    Path out;

    @BeforeAll
    void startStack() throws Exception {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        out = home.resolve("deploy/target/it-logs-broker-restart");
        Files.createDirectories(out);
        stack = LocalStack.start(StackSettings.defaults(home).withEdgeDevices(DEVICES).withLogDir(out)
                .withFirstHttpPort(28680));
        front = FrontRequests.publishFmnistFront(stack, KafkaClientSettings.of(stack.bootstrapServers()),
                Duration.ofSeconds(90));
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
    void aBrokerRestartMidRunLosesNoRequestAndAnswersNoneTwice() throws Exception {
        List<InferenceRequest> requests = FrontRequests.draw(front, DEVICES, Models.FMNIST_CNN.name(), REQUESTS,
                new Random(23));
        Map<String, Long> submittedAt = new ConcurrentHashMap<>(); // when the send call returned, epoch ms
        ExecutorService sender = Executors.newSingleThreadExecutor();
        CompletableFuture<LocalStack.BrokerOutage> outage = new CompletableFuture<>();
        // requests go out from another thread (a send may block while the broker is down), results are read here
        Future<?> sending = sender.submit(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                if (i == RESTART_AT) {
                    CompletableFuture.supplyAsync(() -> stack.restartBroker(DOWNTIME)).whenComplete((o, e) -> {
                        if (e != null) {
                            outage.completeExceptionally(e);
                        } else {
                            outage.complete(o);
                        }
                    });
                }
                InferenceRequest request = InferenceRequest.of(requests.get(i).requestId(),
                        requests.get(i).edgeDeviceId(), requests.get(i).model(), requests.get(i).latencyThresholdMs(), null,
                        new byte[0], (long) i, Instant.now());
                client.submitAsync(request);
                submittedAt.put(request.requestId(), System.currentTimeMillis());
                sleep(PACE_MS);
            }
            return null;
        });
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        Map<String, InferenceResult> results = client.await(requests.stream().map(InferenceRequest::requestId).toList(),
                Duration.ofMinutes(4), r -> arrivedAt.put(r.requestId(), System.currentTimeMillis()));
        sending.get();
        sender.shutdown();
        LocalStack.BrokerOutage restart = outage.get();

        assertEquals(REQUESTS, results.size(), "every request has a result; missing: " + requests.stream()
                .map(InferenceRequest::requestId).filter(id -> !results.containsKey(id)).toList());
        // past the last deadline's grace nothing more may come: a second result would show here
        Map<String, Integer> counts = client.resultCounts(GRACE.plusSeconds(3));
        for (InferenceRequest r : requests) {
            assertEquals(1, counts.get(r.requestId()), () -> "one result for " + r.requestId() + ": "
                    + client.resultsOf(r.requestId()).stream().map(x -> x.status() + " at " + x.completedAt()).toList());
        }
        Map<ResultStatus, Integer> byStatus = new EnumMap<>(ResultStatus.class);
        results.values().forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        assertTrue(byStatus.keySet().stream().allMatch(s -> s == ResultStatus.OK || s == ResultStatus.TIMEOUT),
                "ok or timeout only: " + byStatus);

        long back = restart.back().toEpochMilli();
        List<InferenceRequest> sentAfter = requests.stream()
                .filter(r -> submittedAt.get(r.requestId()) > back).toList();
        assertTrue(sentAfter.stream().anyMatch(r -> results.get(r.requestId()).status() == ResultStatus.OK),
                "requests sent after the restart are served");
        Long firstAfterBack = arrivedAt.values().stream().filter(t -> t >= back).min(Long::compare).orElse(null);
        Long firstOfNewRequest = sentAfter.stream().map(r -> arrivedAt.get(r.requestId())).min(Long::compare)
                .orElse(null);
        assertNotNull(firstAfterBack, "a result after the restart");
        int okAfterStop = (int) requests.stream().filter(r -> submittedAt.get(r.requestId()) >= restart.stopping()
                .toEpochMilli() && results.get(r.requestId()).status() == ResultStatus.OK).count();

        String report = String.format("devices=%d requests=%d pace=%d ms restart at request %d, downtime asked %d ms%n"
                        + "broker stop took %d ms, start again took %d ms, unavailable %d ms in all%n"
                        + "results: %s%n"
                        + "ok among requests sent after the stop began: %d of %d%n"
                        + "first result at the client after the broker was back: %d ms after it was back%n"
                        + "first result of a request sent after the broker was back: %d ms after it was back%n",
                DEVICES.size(), REQUESTS, PACE_MS, RESTART_AT, DOWNTIME.toMillis(),
                Duration.between(restart.stopping(), restart.down()).toMillis(),
                Duration.between(restart.starting(), restart.back()).toMillis(), restart.unavailable().toMillis(),
                byStatus, okAfterStop, requests.stream().filter(r -> submittedAt.get(r.requestId())
                        >= restart.stopping().toEpochMilli()).count(),
                firstAfterBack - back, firstOfNewRequest == null ? -1 : firstOfNewRequest - back);
        Files.writeString(out.resolve("broker-restart.txt"), report);
        System.out.print(report);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
