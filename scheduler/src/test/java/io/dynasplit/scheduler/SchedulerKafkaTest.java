package io.dynasplit.scheduler;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.FrontProvenance;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler against a real Kafka broker in the test JVM. */
@QuarkusTest
class SchedulerKafkaTest {
    KafkaCompanion companion;

    @Test
    void routesTheCheapestConfigurationMeetingTheThresholdToTheRightDevice() {
        String a = send("pi-a", 50);
        EdgeCommand toA = awaitCommand("pi-a", a);
        assertEquals(10, toA.config().layer(), "edge-only (0.2 J) meets 50 ms");
        assertFalse(toA.decision().fallback());
        assertEquals("pi-a", toA.request().edgeDeviceId());

        String b = send("pi-b", 20);
        EdgeCommand toB = awaitCommand("pi-b", b);
        assertEquals(0, toB.config().layer(), "only cloud-only (15 ms) meets 20 ms");
        assertTrue(commandsFor("pi-a", Duration.ofSeconds(2)).stream().noneMatch(c -> c.request().requestId().equals(b)),
                "device B's command must not reach device A's topic");
    }

    @Test
    void fallsBackToTheFastestWhenNothingMeetsTheThreshold() {
        String id = send("pi-b", 5);
        EdgeCommand cmd = awaitCommand("pi-b", id);
        assertEquals(0, cmd.config().layer());
        assertTrue(cmd.decision().fallback());
        assertEquals("fastest", cmd.decision().policy());
    }

    @Test
    void badRequestsGoToTheDeadLetterTopicAndGoodOnesKeepFlowing() {
        String tag = UUID.randomUUID().toString();
        produce(tag + "-malformed", ("{not json " + tag).getBytes());
        produce("pi-a", Json.write(request("pi-a", "resnet-9000", 100, tag + "-model")));
        produce("pi-z", Json.write(request("pi-z", "fmnist-cnn", 100, tag + "-device")));
        produce("pi-a", Json.write(request("pi-a", "fmnist-cnn", -3, tag + "-threshold")));
        produce("pi-b", Json.write(request("pi-a", "fmnist-cnn", 100, tag + "-key")));
        String good = send("pi-a", 100);

        Set<String> reasons = new HashSet<>();
        companion.consumeWithDeserializers(Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .fromTopics(Topics.DEAD_LETTERS, m -> m.filter(r -> Json.read(r.value(), DeadLetter.class).payloadExcerpt()
                        .contains(tag)).select().first(5))
                .awaitCompletion(Duration.ofSeconds(30))
                .getRecords().forEach(r -> reasons.add(Json.read(r.value(), DeadLetter.class).errorType()
                        + (r.key() != null && r.key().equals("pi-b") ? ":mis-keyed" : "")));
        assertEquals(Set.of("malformed", "unknown-model", "unknown-device", "invalid", "invalid:mis-keyed"), reasons);
        assertEquals(10, awaitCommand("pi-a", good).config().layer());
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("dynasplit_dead_letters_total{reason=\"unknown-device\",service=\"scheduler\"}"))
                .body(containsString("dynasplit_decisions_total"));
    }

    @Test
    void frontsArePickedUpFromTheParetoTopicAndANewerVersionReplacesTheOlder() {
        // device pi-c has its own class, so this test's fronts do not disturb the others
        SplitConfig edgeOnly = new SplitConfig("fmnist-cnn", 10, 1800, AcceleratorMode.MAX, false);
        SplitConfig split = new SplitConfig("fmnist-cnn", 5, 1800, AcceleratorMode.MAX, true);
        publishFront(1, new ParetoEntry(edgeOnly, 40, 0.2, 0.88));
        assertEventuallyRouted("pi-c", edgeOnly);
        publishFront(2, new ParetoEntry(split, 25, 20, 0.88));
        assertEventuallyRouted("pi-c", split);
        publishFront(1, new ParetoEntry(edgeOnly, 40, 0.2, 0.88)); // an older version never replaces a newer one
        assertEventuallyRouted("pi-c", split);
    }

    private void publishFront(long version, ParetoEntry entry) {
        ParetoFront front = new ParetoFront(ParetoFront.SCHEMA_VERSION, "fmnist-cnn", "lab-board", version, Instant.now(),
                new FrontProvenance("test", 0, 1, 1, 1, "test", "none", null), List.of(entry));
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.PARETO, front.key(), Json.write(front))).awaitCompletion();
    }

    private void assertEventuallyRouted(String device, SplitConfig expected) {
        long deadline = System.currentTimeMillis() + 30_000;
        SplitConfig last = null;
        while (System.currentTimeMillis() < deadline) {
            String id = send(device, 500);
            try {
                last = awaitCommand(device, id, Duration.ofSeconds(3)).config();
            } catch (AssertionError | RuntimeException e) {
                continue; // no front for this class yet: the request went to the dead-letter topic
            }
            if (last.equals(expected)) {
                return;
            }
        }
        throw new AssertionError("expected " + expected.label() + ", last routed " + last);
    }

    @Test
    void healthIncludesKafka() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body(containsString("dynasplit.requests"));
        RestAssured.get("/q/health/live").then().statusCode(200).body(containsString("RUNNING"));
    }

    @Test
    void theOnlyReplicaOwnsEveryRequestPartition() {
        RestAssured.get("/ownership").then().statusCode(200).body(containsString("\"state\":\"RUNNING\""))
                .body(containsString("\"active\":[0,1,2,3,4,5]"));
    }

    private String send(String device, double thresholdMs) {
        String id = UUID.randomUUID().toString();
        produce(device, Json.write(request(device, "fmnist-cnn", thresholdMs, id)));
        return id;
    }

    private static InferenceRequest request(String device, String model, double thresholdMs, String id) {
        return InferenceRequest.of(id, device, model, thresholdMs, null, new byte[0], 7L, Instant.now());
    }

    private void produce(String key, byte[] value) {
        companion.produceWithSerializers(Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .fromRecords(new ProducerRecord<>(Topics.REQUESTS, key, value)).awaitCompletion();
    }

    private EdgeCommand awaitCommand(String device, String requestId) {
        return awaitCommand(device, requestId, Duration.ofSeconds(30));
    }

    private EdgeCommand awaitCommand(String device, String requestId, Duration wait) {
        ConsumerRecord<String, byte[]> r = companion
                .consumeWithDeserializers(Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .fromTopics(Topics.edgeCommands(device), m -> m.filter(rec ->
                        Json.read(rec.value(), EdgeCommand.class).request().requestId().equals(requestId)).select().first(1))
                .awaitCompletion(wait).getFirstRecord();
        assertEquals(device, r.key());
        return Json.read(r.value(), EdgeCommand.class);
    }

    private List<EdgeCommand> commandsFor(String device, Duration wait) {
        return companion.consumeWithDeserializers(Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .fromTopics(Topics.edgeCommands(device), wait).awaitCompletion(wait.plusSeconds(5)).getRecords().stream()
                .map(r -> Json.read(r.value(), EdgeCommand.class)).toList();
    }
}
