package io.dynasplit.testbed.hardware;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Is there an NVIDIA GPU that DJL could run on? Asks {@code nvidia-smi -L}. */
public final class NvidiaGpu {
    private NvidiaGpu() {
    }

    public static Availability probe(CommandRunner runner) {
        try {
            CommandRunner.Result r = runner.run(List.of("nvidia-smi", "-L"), Duration.ofSeconds(5));
            if (r.exitCode() != 0) {
                String first = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip().lines().findFirst().orElse("");
                return Availability.unavailable("nvidia-smi -L failed (exit " + r.exitCode() + "): " + first);
            }
            List<String> gpus = r.stdout().strip().lines().filter(l -> l.startsWith("GPU ")).toList();
            if (gpus.isEmpty()) {
                return Availability.unavailable("nvidia-smi lists no GPU");
            }
            return Availability.ok(gpus.get(0) + (gpus.size() > 1 ? " (+" + (gpus.size() - 1) + " more)" : ""));
        } catch (IOException e) {
            return Availability.unavailable("no NVIDIA GPU: nvidia-smi cannot run (" + e.getMessage() + ")");
        }
    }
}
