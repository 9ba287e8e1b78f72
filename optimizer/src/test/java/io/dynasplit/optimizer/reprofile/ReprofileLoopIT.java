package io.dynasplit.optimizer.reprofile;

import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.Topics;
import io.dynasplit.localbroker.LocalKafka;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.kafka.CloudEventHeaders;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.index.Selection;
import io.dynasplit.selection.staleness.StalenessCriterion;
import io.dynasplit.selection.staleness.StalenessMonitor;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.emulated.DriftedTestbed;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The closed loop on a real in-process KRaft broker: drift is injected into an emulated edge device (every
 * configuration that runs layers on the board becomes 1.6 times slower and costlier, as a throttled board would),
 * the results on {@code dynasplit.results} feed the scheduler's selector and its {@link StalenessMonitor}, which asks
 * once on {@code dynasplit.reprofile}; the reprofile service profiles the drifted device class again and publishes a
 * newer front on {@code dynasplit.pareto}; the front listener replaces the selector's front in place, and the next
 * decisions come from the new version: nothing is restarted. The scheduler's side (selection, feedback, the front
 * listener, the hook) is wired here as the scheduler wires it (ParetoStore, ResultFeedback), since the scheduler
 * itself does not carry the hook yet.
 */
class ReprofileLoopIT {
    static final ModelDescriptor MODEL = Models.require("vgg16");
    static final String DEVICE = "pi-a";
    static final double DRIFT = 1.6;
    static final int DRIFT_FROM = 40;
    static final int AFTER_NEW_FRONT = 60;

    @Test
    void driftOnAnEmulatedDeviceLeadsToANewFrontThatTheNextDecisionsUseWithoutARestart() throws Exception {
        PaperTestbed paper = new PaperTestbed();
        // the emulated device's testbed; the reprofile service measures the same device, drifted or not
        AtomicReference<TestbedModel> device = new AtomicReference<>(paper);
        try (LocalKafka kafka = LocalKafka.start()) {
            KafkaClientSettings settings = KafkaClientSettings.of(kafka.bootstrapServers());
            ParetoFront v1 = Optimizer.paretoFront(MODEL, paper, Budget.PAPER, 7);
            try (ParetoPublisher publisher = new ParetoPublisher(settings)) {
                publisher.publish(v1);
            }
            Reprofiler reprofiler = new Reprofiler(() -> new ProfileEvaluator(device.get()), Budget.PAPER, 7,
                    Clock.systemUTC());
            List<String> serviceLog = new CopyOnWriteArrayList<>();
            ReprofileService service = new ReprofileService(settings, reprofiler, Clock.systemUTC(), serviceLog::add);
            SchedulerSide scheduler = new SchedulerSide(kafka.bootstrapServers(), paper);
            Thread serviceThread = new Thread(service, "reprofile-service");
            serviceThread.start();
            scheduler.start();
            try {
                scheduler.awaitFront(v1.version(), Duration.ofSeconds(30));
                Map<SplitConfig, Double> drifted = new HashMap<>();
                v1.entries().stream().filter(e -> e.config().layer() > 0)
                        .forEach(e -> drifted.put(e.config(), DRIFT));
                DriftedTestbed driftedTestbed = DriftedTestbed.perConfiguration(paper, drifted);

                Random thresholds = new Random(11);
                SplittableRandom runs = new SplittableRandom(5);
                List<Long> versions = new ArrayList<>();
                List<Boolean> met = new ArrayList<>();
                int newFrontAt = -1;
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                for (int i = 0; newFrontAt < 0 || i < newFrontAt + AFTER_NEW_FRONT; i++) {
                    assertTrue(System.nanoTime() < deadline, "no new front within 3 minutes: " + serviceLog);
                    if (i == DRIFT_FROM) {
                        device.set(driftedTestbed);
                    }
                    double threshold = 250 + 1250 * thresholds.nextDouble();
                    Selection s = scheduler.decide(threshold);
                    versions.add(s.frontVersion());
                    if (newFrontAt < 0 && s.frontVersion() != v1.version()) {
                        newFrontAt = i;
                    }
                    met.add(scheduler.run(i, s.config(), threshold, device.get(), runs));
                    Thread.sleep(10); // requests keep arriving while the optimizer works
                }

                // the signal: once, about v1, after the drift began, naming drifted configurations only
                List<ReprofileRequest> asked = read(kafka.bootstrapServers(), Topics.REPROFILE, ReprofileRequest.class);
                assertEquals(1, asked.size(), "asked once per front version: " + asked);
                ReprofileRequest request = asked.get(0);
                assertEquals(v1.version(), request.frontVersion());
                assertEquals(v1.key(), request.key());
                assertTrue(request.evidence().stream().allMatch(e -> drifted.containsKey(e.config())), request.toString());
                assertTrue(request.evidence().stream().allMatch(e -> e.latencyRatio() > 1.4), request.toString());
                assertTrue(scheduler.signalledAt.get() >= DRIFT_FROM, "not before the drift: " + scheduler.signalledAt);

                // the answer: a newer front on the compacted topic, profiled on the drifted device
                List<ParetoFront> fronts = read(kafka.bootstrapServers(), Topics.PARETO, ParetoFront.class);
                assertEquals(2, fronts.size(), "v1 and its replacement: " + serviceLog);
                ParetoFront v2 = fronts.get(1);
                assertTrue(v2.version() > v1.version());
                for (ParetoEntry e : v2.entries()) {
                    Prediction truth = driftedTestbed.predict(e.config());
                    assertEquals(truth.latencyMs(), e.latencyMs(), 1e-6 * truth.latencyMs(), e.config().label());
                }

                // the decisions: v1 until the new front arrived, v2 from then on, the same selector throughout
                assertTrue(newFrontAt > scheduler.signalledAt.get(), "used after it was asked for");
                for (int i = 0; i < versions.size(); i++) {
                    assertEquals(i < newFrontAt ? v1.version() : v2.version(), versions.get(i), "decision " + i);
                }
                assertEquals(1, scheduler.selectorsBuilt.get(), "the front was replaced in place, not rebuilt");
                long missedAfter = met.subList(newFrontAt, met.size()).stream().filter(m -> !m).count();
                System.out.printf("ReprofileLoopIT: drift at request %d, asked after %d, v2 used from %d; "
                                + "met %d/%d before the drift, %d/%d on v1 after it, %d/%d on v2; %s%n", DRIFT_FROM,
                        scheduler.signalledAt.get(), newFrontAt,
                        met.subList(0, DRIFT_FROM).stream().filter(m -> m).count(), DRIFT_FROM,
                        met.subList(DRIFT_FROM, newFrontAt).stream().filter(m -> m).count(), newFrontAt - DRIFT_FROM,
                        met.size() - newFrontAt - missedAfter, met.size() - newFrontAt, serviceLog);
                assertTrue(missedAfter <= 1, "on the re-profiled front the deadlines are met again: " + missedAfter
                        + " missed of " + (met.size() - newFrontAt));
            } finally {
                scheduler.close();
                service.close();
                serviceThread.join(20_000);
            }
        }
    }

    /**
     * What the scheduler does around the selection, as its ParetoStore and ResultFeedback do it, plus the staleness
     * hook: fronts from the Pareto topic (a newer version replaces the front in place), feedback and the monitor from
     * the results topic, the monitor's request published on the reprofile topic.
     */
    static final class SchedulerSide implements AutoCloseable {
        private final String bootstrap;
        private final TestbedModel profile;
        private final AtomicReference<Selector> selector = new AtomicReference<>();
        private final StalenessMonitor monitor = new StalenessMonitor(StalenessCriterion.defaults(), "/dynasplit/scheduler");
        private final KafkaProducer<String, byte[]> producer;
        private final KafkaConsumer<String, byte[]> consumer;
        private final AtomicInteger processed = new AtomicInteger();
        final AtomicInteger signalledAt = new AtomicInteger(-1);
        final AtomicInteger selectorsBuilt = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;
        private SplitConfig knobs;

        SchedulerSide(String bootstrap, TestbedModel profile) {
            this.bootstrap = bootstrap;
            this.profile = profile;
            this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", ByteArraySerializer.class.getName(), "linger.ms", "0"));
            this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", ByteArrayDeserializer.class.getName()));
            this.thread = new Thread(this::listen, "scheduler-side");
        }

        void start() {
            thread.start();
        }

        /** The decision for one request, on the device's current knobs (nothing queued: one request at a time). */
        Selection decide(double thresholdMs) {
            return selector.get().select(thresholdMs, DeviceState.idle(knobs));
        }

        /** The emulated device runs it; its result goes to the results topic and is fed back before the next. */
        boolean run(int index, SplitConfig config, double thresholdMs, TestbedModel device, SplittableRandom rng)
                throws InterruptedException {
            Prediction p = device.sample(config, rng);
            double switchMs = profile.reconfigurationMs(knobs, config);
            knobs = config.edgeKnobsAfter(knobs);
            LatencyBreakdown latency = LatencyBreakdown.of(0, switchMs, p.edgeLatencyMs(), p.transferMs(),
                    p.cloudLatencyMs());
            InferenceResult result = new InferenceResult(InferenceResult.SCHEMA_VERSION, "req-" + index, DEVICE,
                    MODEL.name(), ResultStatus.OK, List.of(), config, MODEL.placement(config), latency,
                    EnergyBreakdown.of(p.edgeEnergyJ(), p.cloudEnergyJ(), "whole-node"), thresholdMs,
                    latency.totalMs() <= thresholdMs, null, null, null, Instant.now(), Instant.now());
            producer.send(new ProducerRecord<>(Topics.RESULTS, result.requestId(), Json.write(result)));
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (processed.get() <= index) {
                assertTrue(System.nanoTime() < deadline, "result " + index + " not fed back");
                Thread.sleep(1);
            }
            return result.thresholdMet();
        }

        void awaitFront(long version, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (selector.get() == null || selector.get().front().version() < version) {
                assertTrue(System.nanoTime() < deadline, "front v" + version + " not seen");
                Thread.sleep(10);
            }
        }

        private void listen() {
            TopicPartition pareto = new TopicPartition(Topics.PARETO, 0);
            TopicPartition results = new TopicPartition(Topics.RESULTS, 0);
            List<TopicPartition> all = new ArrayList<>(List.of(pareto));
            consumer.partitionsFor(Topics.RESULTS).forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(all);
            consumer.seekToBeginning(all);
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        if (r.topic().equals(Topics.PARETO)) {
                            offer(Json.read(r.value(), ParetoFront.class));
                        } else {
                            feedBack(Json.read(r.value(), InferenceResult.class));
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            }
        }

        /** ParetoStore.offer: the first front builds the selector, a newer version replaces its front. */
        private void offer(ParetoFront front) {
            Selector current = selector.get();
            if (current == null) {
                selector.set(Selector.builder(front).reconfiguration(profile)
                        .feedback(FeedbackSettings.defaults()).build());
                selectorsBuilt.incrementAndGet();
            } else if (front.version() > current.front().version()) {
                current.replaceFront(front);
            }
        }

        /** ResultFeedback.onResult, and the hook: the monitor's request goes to the reprofile topic. */
        private void feedBack(InferenceResult result) {
            Selector s = selector.get();
            LatencyBreakdown l = result.latency();
            s.observe(result.config(), l.edgeMs() + l.transferMs() + l.cloudMs(), result.energy().totalJ());
            monitor.observe(s.front(), result).ifPresent(request -> {
                signalledAt.compareAndSet(-1, Integer.parseInt(result.requestId().substring(4)));
                producer.send(new ProducerRecord<>(Topics.REPROFILE, null, request.key(), Json.write(request),
                        CloudEventHeaders.json(EventTypes.REPROFILE_REQUEST,
                                EventTypes.dataSchema(ReprofileRequest.class), "/dynasplit/scheduler",
                                request.requestedAt())));
            });
            processed.incrementAndGet();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(10_000);
            consumer.close();
            producer.close();
        }
    }

    private static <T> List<T> read(String bootstrap, String topic, Class<T> type) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<T> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(r -> out.add(Json.read(r.value(), type)));
            }
            assertFalse(c.position(tp) < end, "read " + topic + " to its end");
            return out;
        }
    }
}
