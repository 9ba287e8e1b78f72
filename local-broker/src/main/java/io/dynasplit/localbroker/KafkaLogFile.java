package io.dynasplit.localbroker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sends what the in-JVM broker and this JVM's Kafka clients log (through java.util.logging, which slf4j-jdk14 and
 * jboss-logging reach) to a file instead of the terminal: their warnings ({@code Performing controller activation},
 * {@code Attempting to close NetworkClient that has already been closed}) are Kafka's internals, noise that looks like
 * a fault in a command's output. The loggers keep their levels; only where their records go changes. Routing again
 * (a second stack in the same JVM) closes the previous file.
 */
public final class KafkaLogFile {
    /** Loggers of the broker (Scala {@code kafka.*}, {@code state.change.logger}), the clients and the companion. */
    public static final List<String> LOGGER_NAMES = List.of("kafka", "org.apache.kafka", "state.change.logger",
            "org.apache.zookeeper", "io.smallrye.reactive.messaging.kafka.companion");
    // java.util.logging keeps loggers only weakly: held here, or a collected logger would lose its handler
    private static final List<Logger> LOGGERS = LOGGER_NAMES.stream().map(Logger::getLogger).toList();
    private static Handler current;
    private static Path currentFile;

    private KafkaLogFile() {
    }

    /** Appends the Kafka loggers' records to {@code file} (created with its folder) from now on; returns it. */
    public static synchronized Path routeTo(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (target.equals(currentFile)) {
            return target;
        }
        Handler handler;
        try {
            Files.createDirectories(target.getParent());
            // not a FileHandler: it reads its name as a pattern (%t, %u) and, when another process holds its lock
            // file, writes to another file than the one a command names
            OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            handler = new StreamHandler(out, new OneLineFormatter()) {
                @Override
                public synchronized void publish(LogRecord record) {
                    super.publish(record);
                    flush();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka log " + target + ": " + e.getMessage(), e);
        }
        handler.setLevel(Level.ALL);
        for (Logger logger : LOGGERS) {
            if (current != null) {
                logger.removeHandler(current);
            }
            logger.addHandler(handler);
            logger.setUseParentHandlers(false);
        }
        if (current != null) {
            current.close();
        }
        current = handler;
        currentFile = target;
        return target;
    }

    /** The file the Kafka loggers write to; null while they still write to the console. */
    public static synchronized Path current() {
        return currentFile;
    }

    /** {@code 2026-12-04 13:13:31.123 WARNING org.apache.kafka.clients.NetworkClient: message}, then any stack trace. */
    static final class OneLineFormatter extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder().append(TIME.format(Instant.ofEpochMilli(record.getMillis())))
                    .append(' ').append(record.getLevel().getName()).append(' ').append(record.getLoggerName())
                    .append(": ").append(formatMessage(record)).append(System.lineSeparator());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
