package io.dynasplit.deploy.bench;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.ServiceProcess;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.fleet.EmulatedFleet;
import io.dynasplit.fleet.FleetSettings;
import io.dynasplit.localbroker.KafkaLogFile;
import io.dynasplit.localbroker.LocalKafka;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.statistics.Quantiles;
import io.dynasplit.testbed.Testbeds;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code dynasplit bench --fleet N}: the scheduler against N emulated devices. The in-JVM broker, N commands topics
 * provisioned (timed, with the broker JVM's heap and file handles around it), the scheduler started as the local stack
 * starts it with the N devices, the emulated fleet, and an upstream load generator. Decisions are timed end to end by
 * the broker's own clock: request appended to command appended, both topics {@code LogAppendTime}.
 *
 * <p>First a burst of requests sent at once finds the saturating rate (decisions over the span from the first
 * request's append to the last command's); then Poisson arrivals at half that rate, for the latency percentiles.
 */
public final class FleetBench {
    /** The fleet's devices are of the stack's default class; their front is vgg16's, the paper's network. */
    private static final String MODEL = Models.VGG16.name();
    /** The start of the scheduler's consumer group ids: its Kafka Streams application id, its feedback reader's. */
    private static final String SCHEDULER_GROUP = "dynasplit-scheduler";

    public record Settings(int devices, int warmup, int burst, Duration halfRateRun, long seed) {
        public Settings {
            if (devices < 1 || burst < 1 || warmup < 0 || halfRateRun.isNegative() || halfRateRun.isZero()) {
                throw new IllegalArgumentException("devices and burst must be >= 1, warmup >= 0, the run > 0");
            }
        }
    }

    /** One phase: how many decisions, over what broker-clock span, their latencies and the scheduler's CPU time. */
    public record Phase(int decisions, long spanMs, double[] latenciesMs, double schedulerCpuMs, double offeredPerSecond) {
        public double decisionsPerSecond() {
            return decisions * 1000.0 / spanMs;
        }

        public double cpuMicrosPerDecision() {
            return schedulerCpuMs * 1000 / decisions;
        }

        public double latency(double q) {
            return Quantiles.quantile(latenciesMs, q);
        }
    }

    public record Report(Settings settings, long provisioningMs, JvmFootprint brokerBefore, JvmFootprint brokerAfter,
                         int frontEntries, Phase firstCommands, Phase saturation, Phase halfRate, long deadLetters,
                         int cores) {

        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "| fleet bench: %d devices, one commands topic each, one scheduler replica, %s,"
                    + " %d cores | value |%n", settings.devices(), MODEL, cores);
            out.println("|---|---|");
            out.printf(Locale.ROOT, "| topic provisioning, %d commands topics | %d ms |%n", settings.devices(), provisioningMs);
            out.printf(Locale.ROOT, "| heap after GC of the JVM hosting the broker, before -> after provisioning | %.1f -> %.1f MB |%n",
                    brokerBefore.heapMb(), brokerAfter.heapMb());
            out.printf(Locale.ROOT, "| open file handles of that JVM, before -> after | %d -> %d |%n",
                    brokerBefore.openFiles(), brokerAfter.openFiles());
            out.printf(Locale.ROOT, "| memory maps of that JVM, before -> after | %d -> %d |%n",
                    brokerBefore.memoryMaps(), brokerAfter.memoryMaps());
            out.printf(Locale.ROOT, "| one request to each device, sent at once: first command to every device (the"
                    + " scheduler's producer fetches each topic's metadata) | %.1f s |%n", firstCommands.spanMs() / 1000.0);
            out.printf(Locale.ROOT, "| saturating rate: decisions/s end to end (%d-request burst) | %.0f |%n",
                    saturation.decisions(), saturation.decisionsPerSecond());
            out.printf(Locale.ROOT, "| scheduler CPU time per decision at saturation | %.0f us |%n",
                    saturation.cpuMicrosPerDecision());
            out.printf(Locale.ROOT, "| half rate: Poisson arrivals offered / decided per s (%d requests) | %.0f / %.0f |%n",
                    halfRate.decisions(), halfRate.offeredPerSecond(), halfRate.decisionsPerSecond());
            out.printf(Locale.ROOT, "| scheduling latency at half rate, p50 / p99 / max (request appended -> command appended) | %.0f / %.0f / %.0f ms |%n",
                    halfRate.latency(0.5), halfRate.latency(0.99), halfRate.latency(1.0));
            out.printf(Locale.ROOT, "| scheduler CPU time per decision at half rate | %.0f us |%n",
                    halfRate.cpuMicrosPerDecision());
            out.printf(Locale.ROOT, "| the saturating burst's latency, p50 / p99 (queueing included) | %.0f / %.0f ms |%n",
                    saturation.latency(0.5), saturation.latency(0.99));
            out.printf(Locale.ROOT, "| fleet dead letters (commands refused) | %d |%n", deadLetters);
        }
    }

    private FleetBench() {
    }

    public static Report run(Settings settings, StackSettings stackDefaults) {
        List<String> devices = FleetSettings.deviceIds("dev-", settings.devices());
        StackSettings stackSettings = stackDefaults.withEdgeDevices(devices);
        KafkaLogFile.routeTo(LocalStack.brokerLog(stackSettings));
        LocalKafka kafka = LocalKafka.start();
        LocalStack stack = null;
        try {
            useLogAppendTime(kafka.bootstrapServers());
            JvmFootprint before = JvmFootprint.now();
            long t0 = System.nanoTime();
            kafka.provisionDevices(devices);
            long provisioningMs = (System.nanoTime() - t0) / 1_000_000;
            JvmFootprint after = JvmFootprint.now();
            System.err.printf(Locale.ROOT, "bench: %d commands topics in %d ms; starting the scheduler%n",
                    devices.size(), provisioningMs);

            stack = LocalStack.schedulerOnly(stackSettings, kafka);
            ParetoFront front = Optimizer.optimize(OptimizationRequest.exhaustive(Models.VGG16)
                    .withAccuracyObjective(false), new ProfileEvaluator(Testbeds.create("paper")),
                    EvaluationListener.NONE).front();
            try (ParetoPublisher publisher = new ParetoPublisher(KafkaClientSettings.of(kafka.bootstrapServers()))) {
                publisher.publish(front);
            }
            stack.awaitFront(front.key(), front.version(), Duration.ofSeconds(60));

            DecisionClock clock = new DecisionClock();
            try (EmulatedFleet fleet = EmulatedFleet.start(FleetSettings.of(kafka.bootstrapServers(), devices), clock);
                 Upstream upstream = new Upstream(kafka.bootstrapServers(), devices, front, clock, settings.seed())) {
                ServiceProcess scheduler = stack.service("scheduler");
                // the scheduler's producer learns each commands topic with a metadata round trip on its first send
                // there: a start-up cost, timed on its own, kept out of the measured phases
                Phase firstCommands = upstream.eachDeviceOnce(scheduler);
                System.err.printf(Locale.ROOT, "bench: a first command to each of the %d devices: %.1f s%n",
                        devices.size(), firstCommands.spanMs() / 1000.0);
                if (settings.warmup() > 0) {
                    Phase warm = upstream.burst(settings.warmup(), scheduler);
                    System.err.printf(Locale.ROOT, "bench: warm-up, %d requests: %.0f decisions/s%n",
                            settings.warmup(), warm.decisionsPerSecond());
                }
                Phase saturation = upstream.burst(settings.burst(), scheduler);
                System.err.printf(Locale.ROOT, "bench: saturating rate %.0f decisions/s; Poisson arrivals at half"
                        + " of it for %d s%n", saturation.decisionsPerSecond(), settings.halfRateRun().toSeconds());
                // the burst's results still reach the scheduler (its deadline store forgets each answered request):
                // measured at half rate only once it has read everything written to its inputs
                double settledS = awaitCaughtUp(kafka.bootstrapServers(), SCHEDULER_GROUP, Duration.ofSeconds(120));
                System.err.printf(Locale.ROOT, "bench: the scheduler caught up %.1f s after the burst%n", settledS);
                Phase half = upstream.poisson(saturation.decisionsPerSecond() / 2, settings.halfRateRun(), scheduler);
                return new Report(settings, provisioningMs, before, after, front.entries().size(), firstCommands,
                        saturation, half, fleet.deadLettersPublished(), Runtime.getRuntime().availableProcessors());
            }
        } finally {
            if (stack != null) {
                stack.close(); // closes the broker too
            } else {
                kafka.close();
            }
        }
    }

    /**
     * Waits until every consumer group of the scheduler (id starting with {@code groupPrefix}: its Kafka Streams
     * application, which reads requests, results and its repartition topic, and its feedback and front readers) has
     * committed the end of every partition it reads, checked every 250 ms, or at most {@code limit}. Returns the
     * seconds waited.
     */
    static double awaitCaughtUp(String bootstrapServers, String groupPrefix, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .map(g -> g.groupId()).filter(id -> id.startsWith(groupPrefix)).toList();
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
                for (String group : groups) {
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                            .forEach((tp, offset) -> committed.merge(tp, offset,
                                    (a, b) -> a == null || b == null ? null : a.offset() <= b.offset() ? a : b));
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(30, TimeUnit.SECONDS);
                boolean caughtUp = !committed.isEmpty() && committed.entrySet().stream().allMatch(e ->
                        e.getValue() != null && e.getValue().offset() >= ends.get(e.getKey()).offset());
                if (caughtUp) {
                    break;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the scheduler's consumer lag: " + e, e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Every topic's timestamps become the broker's append time (the cluster-wide default; DynaSplit's topics set no
     * {@code message.timestamp.type} of their own), and the bench waits until the requests topic shows it.
     */
    private static void useLogAppendTime(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            ConfigResource cluster = new ConfigResource(ConfigResource.Type.BROKER, "");
            admin.incrementalAlterConfigs(Map.of(cluster, List.of(new AlterConfigOp(
                    new ConfigEntry("log.message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            ConfigResource requests = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REQUESTS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"LogAppendTime".equals(admin.describeConfigs(List.of(requests)).all().get(30, TimeUnit.SECONDS)
                    .get(requests).get("message.timestamp.type").value())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not take log.message.timestamp.type=LogAppendTime");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot set the broker's timestamp type: " + e, e);
        }
    }

    /** The upstream services: requests keyed by device, thresholds across the front's latency range. */
    private static final class Upstream implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private final List<String> devices;
        private final DecisionClock clock;
        private final SplittableRandom random;
        private final double fastestMs;
        private final double slowestMs;

        Upstream(String bootstrapServers, List<String> devices, ParetoFront front, DecisionClock clock, long seed) {
            this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 1,
                    "max.request.size", Topics.MAX_REQUEST_MESSAGE_BYTES), new StringSerializer(), new ByteArraySerializer());
            this.devices = devices;
            this.clock = clock;
            this.random = new SplittableRandom(seed);
            this.fastestMs = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).min().orElseThrow();
            this.slowestMs = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).max().orElseThrow();
        }

        /** One request to each device, all sent at once. */
        Phase eachDeviceOnce(ServiceProcess scheduler) {
            clock.forgetAll();
            double cpu0 = cpuMs(scheduler);
            List<String> ids = new ArrayList<>(devices.size());
            devices.forEach(device -> ids.add(send(device)));
            producer.flush();
            // a metadata round trip per topic: 40 ms each at 10,000 topics under load (docs/scale-out.md)
            return finish(ids, scheduler, cpu0, Double.NaN, Duration.ofMinutes(5).plusMillis(100L * devices.size()));
        }

        /** {@code n} requests sent at once over random devices. */
        Phase burst(int n, ServiceProcess scheduler) {
            clock.forgetAll();
            double cpu0 = cpuMs(scheduler);
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(send(devices.get(random.nextInt(devices.size()))));
            }
            producer.flush();
            return finish(ids, scheduler, cpu0, Double.NaN);
        }

        /**
         * Poisson arrivals at {@code rate} per second in all. Each arrival goes to a device drawn uniformly: the same
         * process as independent Poisson arrivals at rate / N on each device (their superposition).
         */
        Phase poisson(double rate, Duration length, ServiceProcess scheduler) {
            clock.forgetAll();
            double cpu0 = cpuMs(scheduler);
            List<String> ids = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + length.toNanos();
            double next = start;
            while (true) {
                next += -Math.log(1 - random.nextDouble()) / rate * 1e9;
                if (next >= end) {
                    break;
                }
                long wait = (long) next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                ids.add(send(devices.get(random.nextInt(devices.size()))));
            }
            producer.flush();
            return finish(ids, scheduler, cpu0, ids.size() / (length.toNanos() / 1e9));
        }

        private Phase finish(List<String> ids, ServiceProcess scheduler, double cpu0, double offered) {
            return finish(ids, scheduler, cpu0, offered, Duration.ofMinutes(5));
        }

        private Phase finish(List<String> ids, ServiceProcess scheduler, double cpu0, double offered, Duration timeout) {
            clock.awaitAll(ids, timeout);
            double cpu = cpuMs(scheduler) - cpu0;
            return new Phase(ids.size(), clock.spanMs(ids), clock.latenciesMs(ids), cpu, offered);
        }

        private String send(String device) {
            String id = UUID.randomUUID().toString();
            double threshold = fastestMs * 0.8 + random.nextDouble() * (slowestMs * 1.5 - fastestMs * 0.8);
            InferenceRequest request = InferenceRequest.of(id, device, MODEL, threshold, null, new byte[0],
                    random.nextLong(), Instant.now());
            RecordHeaders headers = new RecordHeaders();
            EventTypes.binaryHeaders(EventTypes.INFERENCE_REQUEST, EventTypes.dataSchema(InferenceRequest.class),
                    "urn:dynasplit:fleet-bench", Instant.now(), device, "application/json")
                    .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(Topics.REQUESTS, null, device, Json.write(request), headers),
                    (metadata, error) -> {
                        if (error == null) {
                            clock.requested(id, metadata.timestamp()); // LogAppendTime: the broker's
                        }
                    });
            return id;
        }

        private static double cpuMs(ServiceProcess scheduler) {
            return scheduler.cpuTime().map(d -> d.toNanos() / 1e6).orElseThrow(() -> new IllegalStateException(
                    "this OS does not report the scheduler's CPU time"));
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
