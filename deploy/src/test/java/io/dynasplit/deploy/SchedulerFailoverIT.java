package io.dynasplit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.ServiceProcess;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.selection.index.Knobs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three scheduler replicas, four devices, 600 requests: one replica killed with SIGKILL mid-run (the one deciding the
 * device whose edge node is down too), later another stopped gracefully. Every request gets exactly one result, each
 * device's knobs stay what it was last told, and the fail-over times are written to
 * {@code deploy/target/failover/failover.txt} (docs/scale-out.md quotes them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerFailoverIT {
    /** Four names on four different request partitions (of six), so that every replica has devices to lose. */
    static final List<String> DEVICES = List.of("pi-a", "pi-b", "pi-d", "pi-e");
    static final String DOWN = "pi-e";
    static final int REQUESTS = 600;
    static final int PARTITIONS = Topics.spec(Topics.REQUESTS).partitions();
    /** The scheduler's default timeout grace: on this shared 2-core machine, with nine JVMs, a result can take 10 s. */
    static final long GRACE_MS = 30_000;

    LocalStack stack;
    PipelineClient client;
    ParetoFront front;
    Path out;
    /** When the replica was killed (epoch ms), for failure messages. */
    long killedAtMillis;

    @BeforeAll
    void startStack() throws Exception {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        out = home.resolve("deploy/target/failover");
        Files.createDirectories(out);
        stack = LocalStack.start(StackSettings.defaults(home).withEdgeDevices(DEVICES).withLogDir(out)
                .withFirstHttpPort(28180));
        stack.addSchedulerReplica();
        stack.addSchedulerReplica();
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
    void aKilledAndAStoppedReplicaLoseNothingDuplicateNothingAndChargeNoSwitchTwice() throws Exception {
        stack.service("edge-" + DOWN).kill();
        Map<String, List<Integer>> owners = awaitAllPartitionsOwned();
        String victim = ownerOf(owners, partition(DOWN));
        Set<String> victimDevices = devicesOn(owners.get(victim));

        Random random = new Random(17);
        double fastest = front.entries().stream().mapToDouble(e -> e.latencyMs()).min().orElseThrow();
        double slowest = front.entries().stream().mapToDouble(e -> e.latencyMs()).max().orElseThrow();
        List<InferenceRequest> sent = new ArrayList<>();
        Map<String, Future<RecordMetadata>> accepted = new HashMap<>();
        long killedAt = 0;
        long stoppedAt = 0;
        Set<String> stoppedDevices = Set.of();
        CompletableFuture<Void> stopping = CompletableFuture.completedFuture(null);
        for (int i = 0; i < REQUESTS; i++) {
            if (i == 150) {
                killedAt = System.currentTimeMillis();
                killedAtMillis = killedAt;
                stack.service(victim).kill();
            }
            if (i == 400) {
                Map<String, List<Integer>> now = awaitAllPartitionsOwned();
                String stopped = now.entrySet().stream().filter(e -> !devicesOn(e.getValue()).isEmpty())
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                stoppedDevices = devicesOn(now.get(stopped));
                stoppedAt = System.currentTimeMillis();
                ServiceProcess leaving = stack.service(stopped);
                stopping = CompletableFuture.runAsync(leaving::close); // SIGTERM: a graceful stop, in the background
            }
            double threshold = fastest * 0.8 + random.nextDouble() * (slowest * 1.5 - fastest * 0.8);
            InferenceRequest request = InferenceRequest.of(UUID.randomUUID().toString(), DEVICES.get(i % DEVICES.size()),
                    Models.FMNIST_CNN.name(), threshold, null, new byte[0], (long) i, Instant.now());
            accepted.put(request.requestId(), client.submitAsync(request));
            sent.add(request);
            Thread.sleep(50);
        }
        stopping.get();

        Map<String, InferenceResult> results = client.await(sent.stream().map(InferenceRequest::requestId).toList(),
                Duration.ofMinutes(3), null);
        if (results.size() != REQUESTS) {
            // say which, and what the scheduler did with them, so that a rare loss can be traced
            Map<String, List<ConsumerRecord<String, byte[]>>> sentCommands = commandsByDevice();
            List<String> missing = sent.stream().filter(r -> !results.containsKey(r.requestId()))
                    .map(r -> r.requestId() + " (" + r.edgeDeviceId() + ", request " + sent.indexOf(r) + ", submitted "
                            + r.submittedAt() + ", " + acceptance(accepted.get(r.requestId())) + ", commands "
                            + sentCommands.getOrDefault(r.edgeDeviceId(), List.of()).stream().filter(c -> Json.read(
                                    c.value(), EdgeCommand.class).request().requestId().equals(r.requestId())).count()
                            + ")").toList();
            fail("every request has a result: " + missing.size() + " without one; killed "
                    + Instant.ofEpochMilli(killedAtMillis) + ", stopped " + Instant.ofEpochMilli(stoppedAt) + ": "
                    + missing);
        }
        Map<String, Integer> counts = client.resultCounts(Duration.ofSeconds(3 + GRACE_MS / 1000));
        sent.forEach(r -> assertEquals(1, counts.get(r.requestId()), () -> "one result for " + r.requestId() + " ("
                + r.edgeDeviceId() + ", submitted " + r.submittedAt() + ", killed " + Instant.ofEpochMilli(killedAtMillis)
                + "): " + client.resultsOf(r.requestId()).stream().map(x -> x.status() + " at " + x.completedAt()
                + " " + x.detail()).toList()));
        Map<String, List<ConsumerRecord<String, byte[]>>> commands = commandsByDevice();
        Map<String, Integer> commandCounts = new HashMap<>();
        commands.values().forEach(list -> list.forEach(c -> commandCounts.merge(
                Json.read(c.value(), EdgeCommand.class).request().requestId(), 1, Integer::sum)));
        int timedOutAfterKill = 0;
        for (InferenceRequest r : sent) {
            InferenceResult result = results.get(r.requestId());
            if (r.edgeDeviceId().equals(DOWN)) {
                assertEquals(ResultStatus.TIMEOUT, result.status(), "its edge node is down: " + r.requestId());
                if (r.submittedAt().toEpochMilli() < killedAt && result.completedAt().toEpochMilli() > killedAt) {
                    timedOutAfterKill++; // watched by the killed replica, answered by a survivor
                }
            } else {
                assertEquals(ResultStatus.OK, result.status(), () -> "result of " + r.requestId() + " (" + r.edgeDeviceId()
                        + ", submitted " + r.submittedAt() + ", killed " + Instant.ofEpochMilli(killedAtMillis)
                        + ", commands " + commandCounts.get(r.requestId()) + "): " + result.detail());
            }
        }
        assertTrue(timedOutAfterKill > 0, "requests pending on the killed replica get their timeout from a survivor");

        commands.forEach(this::assertNoSwitchChargedThatDidNotHappen);
        long hardKillMs = longestPauseAfter(commands, victimDevices, killedAt);
        long gracefulMs = longestPauseAfter(commands, stoppedDevices, stoppedAt);
        String report = String.format("replicas=3 devices=%d requests=%d killed=%s (devices %s) stopped (devices %s)%n"
                        + "hard kill -> its devices' longest pause in commands: %d ms%n"
                        + "graceful stop -> its devices' longest pause in commands: %d ms%n"
                        + "timeouts answered by a survivor for requests the killed replica watched: %d%n",
                DEVICES.size(), REQUESTS, victim, victimDevices, stoppedDevices, hardKillMs, gracefulMs, timedOutAfterKill);
        Files.writeString(out.resolve("failover.txt"), report);
        System.out.print(report);
    }

    /**
     * Commands in the order the device got them: a reconfiguration is charged exactly when the knobs differ from the
     * ones the device was last told, so a replica that took the device over knew its knobs.
     */
    private void assertNoSwitchChargedThatDidNotHappen(String device, List<ConsumerRecord<String, byte[]>> records) {
        SplitConfig told = null;
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EdgeCommand command = Json.read(record.value(), EdgeCommand.class);
            if (!seen.add(command.request().requestId())) {
                continue; // a redelivered decision repeats the first
            }
            if (told != null) {
                boolean switches = !Knobs.of(command.config()).equals(Knobs.NONE)
                        && !Knobs.of(command.config()).equals(Knobs.of(told));
                assertEquals(switches, command.decision().predictedReconfigurationMs() > 0, device + " offset "
                        + record.offset() + ": told " + told.label() + ", then " + command.config().label());
            }
            told = command.config().edgeKnobsAfter(told);
        }
        assertFalse(records.isEmpty(), device + " got commands");
    }

    /**
     * How long the replica's devices went without a command around the event: the longest gap between their
     * consecutive commands (requests keep arriving every 50 ms across the devices) among gaps that end after it.
     */
    private static long longestPauseAfter(Map<String, List<ConsumerRecord<String, byte[]>>> commands,
                                          Set<String> devices, long event) {
        long[] times = devices.stream().flatMap(d -> commands.getOrDefault(d, List.of()).stream())
                .mapToLong(ConsumerRecord::timestamp).filter(t -> t > event - 5_000 && t < event + 30_000).sorted()
                .toArray();
        long longest = 0;
        for (int i = 1; i < times.length; i++) {
            if (times[i] > event) {
                longest = Math.max(longest, times[i] - Math.max(times[i - 1], event));
            }
        }
        assertTrue(times.length > 1, "commands for " + devices + " around " + event);
        return longest;
    }

    /** Where the broker took a request, or why it did not. */
    private static String acceptance(Future<RecordMetadata> send) {
        try {
            RecordMetadata m = send.get(10, TimeUnit.SECONDS);
            return "taken at " + m.topic() + "-" + m.partition() + "@" + m.offset();
        } catch (ExecutionException e) {
            return "refused: " + e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            return "not acknowledged: " + e;
        }
    }

        private Map<String, List<ConsumerRecord<String, byte[]>>> commandsByDevice() {
        Map<String, List<ConsumerRecord<String, byte[]>>> byDevice = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers(), "enable.auto.commit", false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            for (String device : DEVICES) {
                TopicPartition p = new TopicPartition(Topics.edgeCommands(device), 0);
                consumer.assign(List.of(p));
                consumer.seekToBeginning(List.of(p));
                long end = consumer.endOffsets(List.of(p)).get(p);
                List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
                while (consumer.position(p) < end) {
                    consumer.poll(Duration.ofMillis(200)).forEach(list::add);
                }
                byDevice.put(device, list);
            }
        }
        return byDevice;
    }

    /** Each live replica's active request partitions, once all partitions are owned and every replica is running. */
    private Map<String, List<Integer>> awaitAllPartitionsOwned() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        Map<String, List<Integer>> owners = new HashMap<>();
        while (System.currentTimeMillis() < deadline) {
            owners.clear();
            boolean running = true;
            for (ServiceProcess scheduler : stack.schedulers()) {
                if (!scheduler.isAlive()) {
                    continue;
                }
                String body = scheduler.get("/ownership");
                if (body == null) {
                    running = false;
                    continue;
                }
                JsonNode node = Json.mapper().readTree(body.getBytes(StandardCharsets.UTF_8));
                running &= node.get("state").asText().equals("RUNNING");
                List<Integer> active = new ArrayList<>();
                node.get("active").forEach(n -> active.add(n.asInt()));
                owners.put(scheduler.name(), active);
            }
            if (running && owners.values().stream().mapToInt(List::size).sum() == PARTITIONS) {
                return owners;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("request partitions not all owned after 120 s: " + owners);
    }

    private static String ownerOf(Map<String, List<Integer>> owners, int partition) {
        return owners.entrySet().stream().filter(e -> e.getValue().contains(partition)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static Set<String> devicesOn(List<Integer> partitions) {
        Set<String> devices = new HashSet<>();
        DEVICES.stream().filter(d -> partitions.contains(partition(d))).forEach(devices::add);
        return devices;
    }

    /** The producer's default partitioner for a keyed record. */
    static int partition(String device) {
        return Utils.toPositive(Utils.murmur2(device.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
