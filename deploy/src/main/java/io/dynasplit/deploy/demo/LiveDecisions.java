package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scheduler's decisions for one device, read back from its commands topic after a replay: what it predicted
 * (queue, switch, latency) when it chose, beside what the run then took. The demo writes them per request, so that
 * a live run can be explained request by request.
 */
final class LiveDecisions {
    static final String CSV_HEADER = "request,threshold_ms,config,met,latency_ms,queue_ms,reconfiguration_ms,edge_ms,"
            + "energy_j,predicted_latency_ms,predicted_queue_ms,predicted_reconfiguration_ms,predicted_energy_j,"
            + "feedback_factor,fallback";

    private LiveDecisions() {
    }

    /** Request id to the scheduler's decision, for every command on {@code device}'s topic. */
    static Map<String, Decision> read(String bootstrapServers, String device) {
        Map<String, Decision> decisions = new HashMap<>();
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.edgeCommands(device), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    EdgeCommand command = Json.read(r.value(), EdgeCommand.class);
                    if (command.decision() != null) {
                        decisions.put(command.request().requestId(), command.decision());
                    }
                }
            }
        }
        return decisions;
    }

    /** One CSV line per request, in replay order; a decision not found leaves its columns empty. */
    static List<String> csvLines(double[] thresholds, List<InferenceResult> live, Map<String, Decision> decisions) {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (int i = 0; i < live.size(); i++) {
            InferenceResult r = live.get(i);
            Decision d = decisions.get(r.requestId());
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d,%.1f,%s,%s", i, thresholds[i],
                    r.config() == null ? r.status().wireName() : r.config().label(), r.thresholdMet()));
            if (r.latency() != null) {
                b.append(String.format(Locale.ROOT, ",%.1f,%.1f,%.1f,%.1f", r.latency().totalMs(),
                        r.latency().queueMs(), r.latency().reconfigurationMs(), r.latency().edgeMs()));
            } else {
                b.append(",,,,");
            }
            b.append(r.energy() == null ? "," : String.format(Locale.ROOT, ",%.3f", r.energy().totalJ()));
            if (d != null) {
                b.append(String.format(Locale.ROOT, ",%.1f,%.1f,%.1f,%.3f,%.4f,%s", d.predictedLatencyMs(),
                        d.predictedQueueMs(), d.predictedReconfigurationMs(), d.predictedEnergyJ(), d.feedbackFactor(),
                        d.fallback()));
            } else {
                b.append(",,,,,,");
            }
            lines.add(b.toString());
        }
        return lines;
    }

    static Path write(Path file, double[] thresholds, List<InferenceResult> live, Map<String, Decision> decisions)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, csvLines(thresholds, live, decisions));
    }

    /** How many of the live runs switched the board's knobs. */
    static long switches(List<InferenceResult> live) {
        return live.stream().filter(r -> r.latency() != null && r.latency().reconfigurationMs() > 0).count();
    }
}
