package io.dynasplit.testbed.hardware;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs an external command (nvidia-smi); injectable so drivers can be tested without the tool. */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code command}; throws IOException when it cannot be started (e.g. not installed) or times out. */
    Result run(List<String> command, Duration timeout) throws IOException;

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs the command as a local process. */
    static CommandRunner system() {
        return (command, timeout) -> {
            Process p = new ProcessBuilder(command).start();
            try {
                if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()),
                    new String(p.getErrorStream().readAllBytes()));
        };
    }
}
