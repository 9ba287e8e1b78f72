package io.dynasplit.deploy;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The last word on a command's failure, in one line, {@code <command>: <reason>}:
 * <ul>
 *   <li>a refusal of what the user gave (an unknown model, a missing file, a count out of range) exits with picocli's
 *       usage code, 2, as the commands that check their own input already do. The libraries refuse bad arguments
 *       with {@link IllegalArgumentException}, the file system with {@link NoSuchFileException}; their message says
 *       what was wrong, which is all the user needs;</li>
 *   <li>a Kafka client that gave up waiting for the broker exits with 1 and asks whether the broker runs;</li>
 *   <li>anything else is a fault of ours and keeps its stack trace (exit 1), as does every failure with
 *       {@code -Ddynasplit.trace=true}.</li>
 * </ul>
 */
final class CommandFailures implements IExecutionExceptionHandler {
    static final String TRACE_PROPERTY = "dynasplit.trace";
    static final int UNREACHABLE = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) throws Exception {
        if (Boolean.getBoolean(TRACE_PROPERTY)) {
            throw failure;
        }
        String refusal = refusal(failure);
        if (refusal != null) {
            return report(command, refusal, command.getCommandSpec().exitCodeOnInvalidInput());
        }
        if (brokerTimeout(failure)) {
            return report(command, "Kafka did not answer in time (" + failure.getMessage() + "): is the broker"
                    + " running, and --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) its address?", UNREACHABLE);
        }
        throw failure;
    }

    /** A Kafka client gave up waiting, here or as the cause of what our code made of it. */
    private static boolean brokerTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The user-facing reason for refusing the input, or null when the failure is not about the input. */
    static String refusal(Throwable failure) {
        if (failure instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (failure instanceof FileNotFoundException missing) {
            return missing.getMessage();
        }
        if (failure instanceof IllegalArgumentException && failure.getMessage() != null
                && !failure.getMessage().isBlank()) {
            return failure.getMessage();
        }
        if (failure instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
            return refusal(unchecked.getCause());
        }
        return null;
    }

    private static int report(CommandLine command, String reason, int exitCode) {
        command.getErr().println(commandPath(command) + ": " + reason);
        command.getErr().flush();
        return exitCode;
    }

    /** "runtime sizes" for {@code dynasplit runtime sizes}: the words the user typed to reach the command. */
    private static String commandPath(CommandLine command) {
        String qualified = command.getCommandSpec().qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? qualified : qualified.substring(space + 1);
    }
}
