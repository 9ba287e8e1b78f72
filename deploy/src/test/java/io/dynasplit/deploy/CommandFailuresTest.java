package io.dynasplit.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command refuses bad input in one line with exit 2; a fault of ours keeps its stack trace. */
class CommandFailuresTest {
    @TempDir
    Path work;

    @Test
    void commandsThatTrustedTheirLibrariesToRefuseNowSayWhyInOneLine() {
        assertRefused("runtime sizes: unknown model 'nope'", "runtime", "sizes", "--model", "nope");
        assertRefused("runtime accuracy: unknown model 'nope'", "runtime", "accuracy", "--model", "nope");
        assertRefused("testbed estimate-check: no such file: " + work.resolve("none"),
                "testbed", "estimate-check", "--data", work.resolve("none").toString());
        assertRefused("fleet: a fleet needs at least one device, got 0",
                "fleet", "--devices", "0", "--bootstrap-servers", "localhost:1");
    }

    @Test
    void theDemoAndTheBenchRefuseBeforeStartingAStack() {
        // picocli's own parameter errors: the reason, then the command's usage
        assertRefused("unknown model 'nope'", "demo", "--models", "vgg16,nope");
        assertRefused("budget must be a fraction", "demo", "--budget", "lots");
        assertRefused("--fleet must be a number of devices, got -3", "bench", "--fleet", "-3");
    }

    @Test
    void aKafkaClientThatGaveUpOnTheBrokerSaysWhereToLook() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Failing(
                new org.apache.kafka.common.errors.TimeoutException("Timeout expired while fetching topic metadata")))
                .setExecutionExceptionHandler(new CommandFailures());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(CommandFailures.UNREACHABLE, cli.execute());
        assertEquals("failing: Kafka did not answer in time (Timeout expired while fetching topic metadata): is the"
                + " broker running, and --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) its address?",
                err.toString().strip());

        StringWriter wrappedErr = new StringWriter();
        CommandLine wrapped = new CommandLine(new Failing(new IllegalStateException("the fleet cannot reach its"
                + " commands topics", new org.apache.kafka.common.errors.TimeoutException("Timeout of 60000ms"))))
                .setExecutionExceptionHandler(new CommandFailures());
        wrapped.setErr(new PrintWriter(wrappedErr, true));
        assertEquals(CommandFailures.UNREACHABLE, wrapped.execute());
        assertTrue(wrappedErr.toString().startsWith("failing: Kafka did not answer in time (the fleet cannot reach"
                + " its commands topics): "), wrappedErr.toString());
    }

    @Test
    void aFailureThatIsNotAboutTheInputKeepsItsStackTrace() {
        assertTraced(new IllegalStateException("broken invariant"), "java.lang.IllegalStateException: broken invariant");
        assertTraced(new IllegalArgumentException(), "java.lang.IllegalArgumentException"); // no reason to print
    }

    @Test
    void theTracePropertyShowsTheStackTraceOfARefusalToo() {
        System.setProperty(CommandFailures.TRACE_PROPERTY, "true");
        try {
            assertTraced(new IllegalArgumentException("bad count"), "java.lang.IllegalArgumentException: bad count");
        } finally {
            System.clearProperty(CommandFailures.TRACE_PROPERTY);
        }
    }

    /** picocli prints what the handler rethrows with its stack trace and exits 1. */
    private static void assertTraced(RuntimeException failure, String expectedFirstLine) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Failing(failure)).setExecutionExceptionHandler(new CommandFailures());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute());
        assertTrue(err.toString().contains(expectedFirstLine) && err.toString().contains("\tat "), err.toString());
    }

    private static void assertRefused(String expectedLine, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = DynasplitCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        String printed = err.toString();
        assertEquals(2, code, String.join(" ", args) + ":\n" + printed);
        assertTrue(printed.startsWith(expectedLine), "expected '" + expectedLine + "', got:\n" + printed);
        assertFalse(printed.contains("\tat "), "no stack trace:\n" + printed);
    }

    @Command(name = "failing")
    private record Failing(RuntimeException failure) implements Callable<Integer> {
        @Override
        public Integer call() {
            throw failure;
        }
    }
}
