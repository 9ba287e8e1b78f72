package io.dynasplit.localbroker;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A single KRaft node (broker and controller) with one PLAINTEXT listener, on smallrye's EmbeddedKafkaBroker, that can
 * be stopped and started again on the same log directory, cluster id, node id and ports: clients configured with its
 * address reach it again, and its topics, records and committed offsets are still there. The log directory belongs to
 * this node (the companion is told not to delete it on its close) and is deleted only by {@link #close()}.
 */
final class PlainKraftNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PlainKraftNode.class.getName());
    /** How long a restart waits for the broker's and controller's ports to be free again. */
    private static final Duration PORT_WAIT = Duration.ofSeconds(30);

    private final Consumer<Properties> settings;
    private final Path logDir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int brokerPort;
    private final int controllerPort;
    private EmbeddedKafkaBroker broker; // null while stopped

    private PlainKraftNode(Consumer<Properties> settings, Path logDir, int brokerPort, int controllerPort) {
        this.settings = settings;
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Formats a fresh log directory and starts the node on {@code port} (0: a free one). */
    static PlainKraftNode start(int port, Consumer<Properties> settings) {
        Path logDir;
        try {
            logDir = Files.createTempDirectory("dynasplit-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // fixed from the start (not the companion's pick per start), so a restart listens where clients look
        PlainKraftNode node = new PlainKraftNode(settings, logDir, port > 0 ? port : freePort(), freePort());
        node.startBroker();
        return node;
    }

    String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    Path logDir() {
        return logDir;
    }

    synchronized boolean isRunning() {
        return broker != null;
    }

    /** Shuts the node down; its log directory stays for {@link #startAgain()}. Does nothing when stopped. */
    synchronized void stop() {
        if (broker != null) {
            EmbeddedKafkaBroker stopping = broker;
            broker = null;
            stopping.close(); // shutdown + awaitShutdown; keeps the directory (withDeleteLogDirsOnClose(false))
        }
    }

    /**
     * Starts the stopped node on the same log directory and ports. The formatter finds the directory formatted for
     * this cluster id and node id and leaves it as it is; the broker then recovers its logs and the KRaft metadata
     * log (topics, the offsets topic) from it. Does nothing when running.
     */
    synchronized void startAgain() {
        if (broker == null) {
            awaitPortsFree();
            startBroker();
        }
    }

    private void startBroker() {
        EmbeddedKafkaBroker fresh = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withClusterId(clusterId)
                .withKafkaPort(brokerPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    settings.accept(p);
                    p.put("log.dir", logDir.toString());
                    // a stopping broker tells its controller, which fences it: the restarted broker's new incarnation
                    // then registers at once. Without it (the companion's default) the controller that comes back
                    // still holds the old incarnation's session and refuses the new one until that session expires
                    // (broker.session.timeout.ms, 9 s): "Another broker is registered with that broker id".
                    p.put("controlled.shutdown.enable", "true");
                });
        startLoggingItsConsoleOutput(fresh);
        broker = fresh;
    }

    /**
     * A port the stopped node listened on can stay unavailable for a moment (the old acceptor's socket closing, or an
     * outgoing connection handed that port as its ephemeral one). Kafka binds with SO_REUSEADDR, so connections in
     * TIME_WAIT do not block it; a probe with the same option tells when the bind will succeed, so the broker never
     * starts half-way and fails on a busy port.
     */
    private void awaitPortsFree() {
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        for (int port : new int[] {brokerPort, controllerPort}) {
            while (!canBind(port)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("port " + port + " of the stopped broker is still in use after "
                            + PORT_WAIT.toSeconds() + " s");
                }
                LOG.info(() -> "port " + port + " still in use; waiting to start the broker again");
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for port " + port, e);
                }
            }
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kafka's storage formatter prints {@code Formatting metadata directory ...} (or, on a restart, that the
     * directories are already formatted) to {@code System.out} while the broker starts: a log line, not a command's
     * output. For that second, standard output goes to the Kafka loggers instead.
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

    /** Stops the node and deletes its log directory. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            try {
                Utils.delete(logDir.toFile());
            } catch (IOException e) {
                // a temporary folder: left for the OS
            }
        }
    }
}
