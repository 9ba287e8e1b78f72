package io.dynasplit.deploy.stack;

import io.dynasplit.localbroker.KafkaLogFile;
import io.dynasplit.localbroker.LocalKafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In the command line's own JVM (slf4j-jdk14): the broker and clients log to the named file, not the console. */
class KafkaLogFileTest {

    @Test
    void aBrokerStartedAndStoppedLogsToTheFileAndNothingReachesTheConsole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/broker.log");
        assertEquals(file.toAbsolutePath(), KafkaLogFile.routeTo(file));
        List<LogRecord> atRoot = new CopyOnWriteArrayList<>();
        Handler rootSpy = new Handler() {
            @Override
            public void publish(LogRecord record) {
                atRoot.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(rootSpy);
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (LocalKafka kafka = LocalKafka.start()) {
            Logger.getLogger("org.apache.kafka.clients.NetworkClient").warning("a client warning");
        } finally {
            System.setOut(out);
            root.removeHandler(rootSpy);
        }

        String log = Files.readString(file);
        assertTrue(log.contains("WARNING org.apache.kafka.clients.NetworkClient: a client warning"), log);
        assertTrue(log.contains("Performing controller activation"), "the broker's own warning is in the file:\n" + log);
        assertTrue(atRoot.stream().noneMatch(r -> r.getLoggerName() != null && KafkaLogFile.LOGGER_NAMES.stream()
                .anyMatch(name -> r.getLoggerName().startsWith(name))), "no Kafka record reached the console handlers");
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("Formatting metadata directory"),
                "the storage formatter's line stays off standard output: " + printed);
    }
}
