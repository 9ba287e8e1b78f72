package io.dynasplit.deploy.bench;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.TopicSpec;
import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.stack.Home;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.fleet.FleetSettings;
import io.dynasplit.localbroker.KafkaLogFile;
import io.dynasplit.localbroker.LocalKafka;
import io.dynasplit.statistics.Quantiles;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dynasplit bench topic-layout}: one commands topic per device against one shared commands topic keyed by
 * device, at fleet sizes. Each run starts a fresh in-JVM broker, provisions the layout (timed), then sends one
 * command-sized record to each device (a live fleet has written to every partition: segments open, indexes mapped),
 * and reads this JVM's heap after GC, open file handles and memory maps before and after each step.
 */
@Command(name = "topic-layout", mixinStandardHelpOptions = true,
        description = "Commands topic per device vs one shared topic keyed by device: provisioning time, broker heap,"
                + " file handles and memory maps at each fleet size.")
public final class TopicLayoutBenchCommand implements Callable<Integer> {
    static final String SHARED_TOPIC = "dynasplit.edge.commands";

    @Option(names = "--devices", split = ",", defaultValue = "1000,10000",
            description = "Fleet sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--shared-partitions", defaultValue = "6",
            description = "Partitions of the shared topic (default: ${DEFAULT-VALUE}, as dynasplit.requests).")
    int sharedPartitions;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs of each size and layout (default: ${DEFAULT-VALUE}).")
    int repeat;

    /** One layout at one size: what provisioning and the first record per device cost the broker's JVM. */
    record Run(String layout, int devices, long provisioningMs, long firstRecordsMs, JvmFootprint provisioned,
               JvmFootprint written) {
    }

    @Override
    public Integer call() {
        StackSettings settings = StackSettings.defaults(Home.find());
        KafkaLogFile.routeTo(LocalStack.brokerLog(settings));
        byte[] command = new byte[700]; // about the size of an EdgeCommand's JSON without input
        Arrays.fill(command, (byte) 'x');
        System.out.printf(Locale.ROOT, "| layout | devices | provisioning, ms (median, min-max of %d) | one record to"
                + " each device from a new producer, ms | heap after GC,"
                + " MB: + provisioning / + one record per device | open files: + provisioning / + records"
                + " | memory maps: + provisioning / + records |%n", repeat);
        System.out.println("|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            List<String> devices = FleetSettings.deviceIds("dev-", n);
            for (String layout : List.of("topic per device", "shared topic, " + sharedPartitions + " partitions")) {
                List<Run> runs = new ArrayList<>();
                for (int i = 0; i < repeat; i++) {
                    runs.add(measure(layout, devices, command));
                    System.err.printf(Locale.ROOT, "bench: %s, %d devices, run %d: provisioned in %d ms, first records"
                            + " in %d ms%n", layout, n, i + 1, runs.get(i).provisioningMs(), runs.get(i).firstRecordsMs());
                }
                print(runs);
            }
        }
        return 0;
    }

    private Run measure(String layout, List<String> devices, byte[] command) {
        boolean perDevice = layout.startsWith("topic per device");
        try (LocalKafka kafka = LocalKafka.start()) {
            JvmFootprint before = JvmFootprint.now();
            long t0 = System.nanoTime();
            if (perDevice) {
                kafka.provisionDevices(devices);
            } else {
                kafka.provision(List.of(new TopicSpec(SHARED_TOPIC, sharedPartitions, "delete", 86_400_000L,
                        Topics.MAX_REQUEST_MESSAGE_BYTES, "edge device id", "JSON EdgeCommand", EventTypes.EDGE_COMMAND)));
            }
            long provisioningMs = (System.nanoTime() - t0) / 1_000_000;
            JvmFootprint provisioned = JvmFootprint.now();
            long t1 = System.nanoTime();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                    "linger.ms", 5), new StringSerializer(), new ByteArraySerializer())) {
                for (String device : devices) {
                    String topic = perDevice ? Topics.edgeCommands(device) : SHARED_TOPIC;
                    producer.send(new ProducerRecord<>(topic, device, command));
                }
                producer.flush();
            }
            long firstRecordsMs = (System.nanoTime() - t1) / 1_000_000;
            JvmFootprint written = JvmFootprint.now();
            return new Run(layout, devices.size(), provisioningMs, firstRecordsMs, provisioned.minus(before),
                    written.minus(before));
        }
    }

    private static void print(List<Run> runs) {
        double[] ms = runs.stream().mapToDouble(Run::provisioningMs).toArray();
        Run first = runs.get(0);
        double[] writes = runs.stream().mapToDouble(Run::firstRecordsMs).toArray();
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | +%.1f / +%.1f | +%d / +%d | +%d / +%d |%n",
                first.layout(), first.devices(), Quantiles.median(ms), Quantiles.quantile(ms, 0), Quantiles.quantile(ms, 1),
                Quantiles.median(writes), Quantiles.quantile(writes, 0), Quantiles.quantile(writes, 1),
                median(runs, r -> r.provisioned().heapBytes() / 1e6), median(runs, r -> r.written().heapBytes() / 1e6),
                (long) median(runs, r -> r.provisioned().openFiles()), (long) median(runs, r -> r.written().openFiles()),
                (long) median(runs, r -> r.provisioned().memoryMaps()), (long) median(runs, r -> r.written().memoryMaps()));
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return Quantiles.median(runs.stream().mapToDouble(f).toArray());
    }
}
