package io.dynasplit.optimizer.evaluation;

import io.dynasplit.statistics.Quantiles;
import io.dynasplit.statistics.Summary;

import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.FigureSources;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.MeasuredSpread;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.Topics;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;

/**
 * The paper's way of evaluating a configuration, through the running pipeline: pin the configuration, run a few
 * warm-up inferences (they absorb the reconfiguration and any model load), then N measured inferences, and take the
 * median {@code latency.totalMs - latency.queueMs} and {@code energy.totalJ} of their results, with their spread
 * ({@link MeasuredSpread}: the scheduler's staleness check tells a noisy configuration from a drifted one by it).
 *
 * <p>Each inference is an {@link EdgeCommand} with decision policy {@value #POLICY}, published straight to the
 * device's command topic (the scheduler is bypassed), and its {@link InferenceResult} is read from
 * {@link Topics#RESULTS}. Inferences run one at a time, and the queue time a result still reports is left out: it is
 * load (other traffic, or an emulated board without pacing, whose device-time clock runs ahead of the wall clock
 * and makes each inference wait for the last one's emulated time), not the configuration's own cost. Accuracy cannot be measured this way (requests carry no labels); it comes
 * from an optional accuracy source, typically the emulated profile.
 */
public final class LiveEvaluator implements ConfigurationEvaluator {
    public static final String POLICY = "pinned";

    /**
     * @param edgeDeviceId   the device whose command topic is used
     * @param deviceClass    its device class (fronts are stored per class)
     * @param inferences     measured inferences per configuration (N); the median is taken
     * @param warmUps        inferences run first and discarded
     * @param resultTimeout  how long to wait for each result
     */
    public record Settings(String edgeDeviceId, String deviceClass, List<Integer> cpuFrequenciesMhz, int inferences,
                           int warmUps, Duration resultTimeout) {
        public Settings {
            if (!Topics.isValidDeviceId(edgeDeviceId)) {
                throw new IllegalArgumentException("invalid edge device id '" + edgeDeviceId + "'");
            }
            Objects.requireNonNull(deviceClass, "deviceClass");
            cpuFrequenciesMhz = List.copyOf(cpuFrequenciesMhz);
            if (inferences < 1 || warmUps < 0) {
                throw new IllegalArgumentException("need >= 1 measured inference and >= 0 warm-ups");
            }
            Objects.requireNonNull(resultTimeout, "resultTimeout");
        }
    }

    private final Settings settings;
    private final ToDoubleFunction<SplitConfig> accuracySource;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private long sequence;
    private FigureSources sourcesSeen;

    /**
     * @param accuracySource accuracy of a configuration (e.g. from the emulated profile), or null: accuracy NaN
     */
    public LiveEvaluator(KafkaClientSettings kafka, Settings settings, ToDoubleFunction<SplitConfig> accuracySource) {
        this(kafka, settings, accuracySource, Clock.systemUTC());
    }

    LiveEvaluator(KafkaClientSettings kafka, Settings settings, ToDoubleFunction<SplitConfig> accuracySource, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.accuracySource = accuracySource;
        this.clock = clock;
        this.producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName(),
                "acks", "all",
                "linger.ms", "0",
                "client.id", "dynasplit-optimizer-live-" + runId)));
        this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(),
                "enable.auto.commit", "false",
                "client.id", "dynasplit-optimizer-results-" + runId)));
        try {
            requireDevice();
            followResultsFromNow();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Refuses at once a device the broker has no commands topic for, naming those it has: otherwise the first
     * command would wait a minute for the topic's metadata and fail without saying which devices exist.
     */
    private void requireDevice() {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(30));
        if (topics.containsKey(Topics.edgeCommands(settings.edgeDeviceId()))) {
            return;
        }
        List<String> devices = topics.keySet().stream().map(Topics::edgeDeviceOf).flatMap(Optional::stream)
                .sorted().toList();
        throw new EvaluationException("no edge device '" + settings.edgeDeviceId() + "' on this broker (no topic "
                + Topics.edgeCommands(settings.edgeDeviceId()) + "); its devices: "
                + (devices.isEmpty() ? "none" : String.join(", ", devices)));
    }

    /** Assigns every partition of the results topic at its end, so only results of our own commands can follow. */
    private void followResultsFromNow() {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            throw new EvaluationException("topic " + Topics.RESULTS + " does not exist: provision the topics first");
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position); // resolve the end offsets now, before the first command goes out
    }

    @Override
    public String id() {
        return "live";
    }

    @Override
    public String deviceClass() {
        return settings.deviceClass();
    }

    @Override
    public List<Integer> cpuFrequenciesMhz() {
        return settings.cpuFrequenciesMhz();
    }

    @Override
    public String hardwareIdentity() {
        String identity = "live:" + settings.edgeDeviceId() + "/" + settings.deviceClass();
        if (sourcesSeen == null) {
            return identity;
        }
        return identity + " (edge latency " + sourcesSeen.edgeLatency() + ", edge energy " + sourcesSeen.edgeEnergy()
                + ", cloud latency " + sourcesSeen.cloudLatency() + ", cloud energy " + sourcesSeen.cloudEnergy() + ")";
    }

    /** Requests carry no labels: accuracy comes only from the accuracy source, where it has a figure. */
    @Override
    public boolean knowsAccuracy(ModelDescriptor model) {
        return accuracySource != null && !Double.isNaN(accuracySource.applyAsDouble(
                ConfigurationEvaluator.accuracyProbe(model, settings.cpuFrequenciesMhz())));
    }

    @Override
    public Measurement evaluate(SplitConfig config) {
        List<InferenceResult> measured = new ArrayList<>();
        for (int i = 0; i < settings.warmUps() + settings.inferences(); i++) {
            InferenceResult r = runOne(config);
            if (i >= settings.warmUps()) {
                measured.add(r);
            }
        }
        // neither the queue (load) nor a knob switch (the order commands ran in: on a device serving traffic,
        // other commands change the knobs between ours) is the configuration's cost; the profile has neither
        double[] latencies = measured.stream().mapToDouble(r -> r.latency().totalMs()
                - r.latency().queueMs() - r.latency().reconfigurationMs()).toArray();
        double[] energies = measured.stream().mapToDouble(r -> r.energy().totalJ()).toArray();
        double accuracy = accuracySource == null ? Double.NaN : accuracySource.applyAsDouble(config);
        return new Measurement(config, Quantiles.median(latencies), Quantiles.median(energies), accuracy,
                spread(latencies, energies));
    }

    /** The runs' spread, which the scheduler's staleness check weighs a later run against; null below two runs. */
    private static MeasuredSpread spread(double[] latencies, double[] energies) {
        if (latencies.length < 2) {
            return null;
        }
        return new MeasuredSpread(latencies.length, cv(latencies), cv(energies));
    }

    /** Sample standard deviation over the mean; 0 where the mean is 0. */
    private static double cv(double[] values) {
        Summary s = Summary.of(values);
        return s.mean() == 0 ? 0 : s.standardDeviation() / Math.abs(s.mean());
    }

    private InferenceResult runOne(SplitConfig config) {
        String requestId = "optimize-" + runId + "-" + (++sequence);
        Instant now = clock.instant();
        Instant deadline = now.plus(settings.resultTimeout());
        InferenceRequest request = InferenceRequest.of(requestId, settings.edgeDeviceId(), config.model(),
                settings.resultTimeout().toMillis(), null, new byte[0], sequence, now);
        Decision decision = new Decision(POLICY, false, 0, 0, 0, 0, 1.0, 0, "wall");
        EdgeCommand command = new EdgeCommand(EdgeCommand.SCHEMA_VERSION, request, config, wireDtype(config), deadline,
                decision, now);
        String topic = Topics.edgeCommands(settings.edgeDeviceId());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, settings.edgeDeviceId(), Json.write(command),
                CloudEventHeaders.json(EventTypes.EDGE_COMMAND, EventTypes.dataSchema(EdgeCommand.class),
                        CloudEventHeaders.OPTIMIZER_SOURCE, now));
        try {
            producer.send(record).get(settings.resultTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException("interrupted while publishing " + requestId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EvaluationException("could not publish the command for " + config.label() + " to " + topic, e);
        }
        InferenceResult result = awaitResult(requestId, config);
        if (result.status() != ResultStatus.OK || result.latency() == null || result.energy() == null) {
            throw new EvaluationException("inference " + requestId + " for " + config.label() + " ended "
                    + result.status().wireName() + (result.detail() == null ? "" : ": " + result.detail()));
        }
        if (result.sources() != null) {
            sourcesSeen = sourcesSeen == null ? result.sources() : sourcesSeen.orElse(result.sources());
        }
        return result;
    }

    private InferenceResult awaitResult(String requestId, SplitConfig config) {
        long deadline = System.nanoTime() + settings.resultTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (!requestId.equals(record.key()) && record.key() != null) {
                    continue;
                }
                try {
                    InferenceResult r = Json.read(record.value(), InferenceResult.class);
                    if (requestId.equals(r.requestId())) {
                        return r;
                    }
                } catch (WireFormatException e) {
                    // someone else's malformed record: the pipeline's dead-letter handling deals with it
                }
            }
        }
        throw new EvaluationException("no result for " + requestId + " (" + config.label() + ") within "
                + settings.resultTimeout().toMillis() + " ms: is the edge node for device '" + settings.edgeDeviceId() + "' running?");
    }

    private static WireDtype wireDtype(SplitConfig config) {
        return Models.find(config.model()).map(m -> m.wireDtypeAt(config.layer())).orElse(WireDtype.FP32);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (consumer != null) {
            consumer.close();
        }
    }
}
