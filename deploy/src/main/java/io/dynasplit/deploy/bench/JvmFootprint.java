package io.dynasplit.deploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds at one moment: heap in use after a full collection, open file descriptors
 * ({@code /proc/self/fd}) and memory mappings ({@code /proc/self/maps}; Kafka maps each log segment's indexes, and
 * the kernel's {@code vm.max_map_count}, 65,530 by default, bounds them). Taken around a step in a JVM that hosts the
 * broker, the difference is what the step cost the broker (and the admin client that made it).
 */
public record JvmFootprint(long heapBytes, long openFiles, long memoryMaps) {

    public static JvmFootprint now() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new JvmFootprint(heap, count(Path.of("/proc/self/fd"), true), count(Path.of("/proc/self/maps"), false));
    }

    /** Entries of a /proc folder or lines of a /proc file; -1 where there is no /proc (not Linux). */
    private static long count(Path path, boolean folder) {
        if (!Files.exists(path)) {
            return -1;
        }
        try (Stream<?> s = folder ? Files.list(path) : Files.lines(path)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double heapMb() {
        return heapBytes / 1e6;
    }

    public JvmFootprint minus(JvmFootprint before) {
        return new JvmFootprint(heapBytes - before.heapBytes, openFiles - before.openFiles,
                memoryMaps - before.memoryMaps);
    }
}
