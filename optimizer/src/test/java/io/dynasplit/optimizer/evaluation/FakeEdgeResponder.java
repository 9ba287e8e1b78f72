package io.dynasplit.optimizer.evaluation;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.FigureSources;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.Topics;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the edge and cloud nodes: answers each command on a device's topic with a result computed from a
 * testbed. The first command of a configuration is slow (a cold start the evaluator must discard), later ones cycle
 * through 1.2x, 1.0x and 0.9x the prediction, so the median of three measured runs is the prediction itself.
 */
final class FakeEdgeResponder implements AutoCloseable {
    static final double[] SPREAD = {1.2, 1.0, 0.9};
    static final double COLD_START = 5.0;

    final List<ConsumerRecord<String, byte[]>> commands = new CopyOnWriteArrayList<>();
    final Map<SplitConfig, Integer> perConfig = new ConcurrentHashMap<>();
    private final TestbedModel testbed;
    private final ResultStatus status;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;
    /** Queue time each answer reports on top of the one before (an emulated board whose clock runs ahead). */
    volatile double queueGrowthMs;
    /** Knob-switch time every answer reports (other traffic changing the board's knobs between our inferences). */
    volatile double switchMs;
    private int answered;

    FakeEdgeResponder(String bootstrap, String deviceId, TestbedModel testbed, ResultStatus status) {
        this.testbed = testbed;
        this.status = status;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", ByteArrayDeserializer.class.getName()));
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", "0",
                "key.serializer", StringSerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName()));
        TopicPartition tp = new TopicPartition(Topics.edgeCommands(deviceId), 0);
        consumer.assign(List.of(tp));
        consumer.seekToEnd(List.of(tp));
        consumer.position(tp);
        this.thread = new Thread(this::serve, "fake-edge-" + deviceId);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                commands.add(record);
                EdgeCommand command = Json.read(record.value(), EdgeCommand.class);
                int n = perConfig.merge(command.config(), 1, Integer::sum);
                double factor = n == 1 ? COLD_START : SPREAD[(n - 2) % SPREAD.length];
                producer.send(new ProducerRecord<>(Topics.RESULTS, command.request().requestId(),
                        Json.write(result(command, factor))));
            }
        }
    }

    private InferenceResult result(EdgeCommand command, double factor) {
        SplitConfig c = command.config();
        Prediction p = testbed.predict(c);
        double queueMs = queueGrowthMs * answered++;
        LatencyBreakdown latency = LatencyBreakdown.of(queueMs, switchMs, p.edgeLatencyMs() * factor, p.transferMs() * factor,
                p.cloudLatencyMs() * factor);
        EnergyBreakdown energy = EnergyBreakdown.of(p.edgeEnergyJ() * factor, p.cloudEnergyJ() * factor, "whole-node");
        FigureSources sources = new FigureSources("measured:wall-clock", "none", "emulated:fake-board", "emulated:fake-board",
                "emulated:fake-board", "emulated:fake-board", "emulated:fake-cloud");
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, command.request().requestId(), command.request().edgeDeviceId(),
                c.model(), status, List.of(), c, Models.require(c.model()).placement(c), latency, energy,
                command.request().latencyThresholdMs(), true, sources, null, status == ResultStatus.OK ? null : "fake failure",
                command.request().submittedAt(), Instant.now());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        consumer.close();
        producer.close();
    }
}
