package io.dynasplit.localbroker;

import io.dynasplit.contracts.TopicSpec;
import io.dynasplit.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one node) inside this JVM, for tests and
 * the local stack. No Docker. The broker's message size limit admits the largest intermediate tensor.
 */
public final class LocalKafka implements AutoCloseable {
    // The broker logs hundreds of INFO lines; strong references keep these levels from being garbage-collected.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"), Logger.getLogger("io.smallrye.reactive.messaging.kafka.companion"));

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;
    private final long startupMillis;

    private LocalKafka(EmbeddedKafkaBroker broker, long startupMillis) {
        this.broker = broker;
        String advertised = broker.getAdvertisedListeners();
        this.bootstrapServers = advertised.substring(advertised.indexOf("://") + 3);
        this.startupMillis = startupMillis;
    }

    /** Starts a broker on a free port (0) or the given one, and creates DynaSplit's shared topics. */
    public static LocalKafka start(int port) {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    // topics are created with explicit settings; a typo must not create a topic silently
                    p.put("auto.create.topics.enable", "false");
                    p.put("message.max.bytes", Integer.toString(Topics.MAX_TENSOR_MESSAGE_BYTES));
                    p.put("replica.fetch.max.bytes", Integer.toString(Topics.MAX_TENSOR_MESSAGE_BYTES));
                    p.put("group.initial.rebalance.delay.ms", "0");
                });
        if (port > 0) {
            broker.withKafkaPort(port);
        }
        startLoggingItsConsoleOutput(broker);
        LocalKafka kafka = new LocalKafka(broker, (System.nanoTime() - t0) / 1_000_000);
        try (TopicProvisioner provisioner = new TopicProvisioner(kafka.bootstrapServers())) {
            provisioner.ensure(Topics.all());
        }
        return kafka;
    }

    /**
     * Kafka's storage formatter prints {@code Formatting metadata directory ...} to {@code System.out} while the broker
     * starts: a log line, not a command's output. For that second, standard output goes to the Kafka loggers instead.
     */
    private static void startLoggingItsConsoleOutput(EmbeddedKafkaBroker broker) {
        PrintStream console = System.out;
        System.setOut(new PrintStream(new LineLogger(Logger.getLogger("kafka.storage.Formatter")), true,
                StandardCharsets.UTF_8));
        try {
            broker.start();
        } finally {
            System.setOut(console);
        }
    }

    /** Each line written becomes an INFO record of {@code logger}. */
    private static final class LineLogger extends OutputStream {
        private final Logger logger;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineLogger(Logger logger) {
            this.logger = logger;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                logger.info(line.toString(StandardCharsets.UTF_8).stripTrailing());
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    public static LocalKafka start() {
        return start(0);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Milliseconds from the start call until the broker accepted connections. */
    public long startupMillis() {
        return startupMillis;
    }

    /** Creates the commands topic of each edge device. */
    public void provisionDevices(List<String> edgeDeviceIds) {
        try (TopicProvisioner provisioner = new TopicProvisioner(bootstrapServers)) {
            provisioner.ensure(edgeDeviceIds.stream().map(Topics::edgeCommandsSpec).toList());
        }
    }

    public void provision(List<TopicSpec> topics) {
        try (TopicProvisioner provisioner = new TopicProvisioner(bootstrapServers)) {
            provisioner.ensure(topics);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
