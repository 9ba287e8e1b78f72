package io.dynasplit.deploy.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * What the local stack runs: the edge devices (each with its own edge node), the device class, the models the nodes
 * preload, the pacing speed-up of emulated devices (0 = report device time without sleeping), and where logs go.
 */
public record StackSettings(Path home, List<String> edgeDevices, String deviceClass, List<String> preloadModels,
                            double pacingSpeedup, String fallbackPolicy, Path logDir, int firstHttpPort,
                            String serviceHeap) {

    public static StackSettings defaults(Path home) {
        return new StackSettings(home, List.of("pi-a", "pi-b"), "paper-pi4-coral", List.of(), 0, "fastest",
                home.resolve("target/stack-logs"), 18080, "1500m");
    }

    public StackSettings withEdgeDevices(List<String> devices) {
        return new StackSettings(home, devices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap);
    }

    public StackSettings withPreloadModels(List<String> models) {
        return new StackSettings(home, edgeDevices, deviceClass, models, pacingSpeedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap);
    }

    public StackSettings withPacingSpeedup(double speedup) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, speedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap);
    }

    public StackSettings withLogDir(Path dir) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, dir,
                firstHttpPort, serviceHeap);
    }

    public StackSettings withFirstHttpPort(int port) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, logDir,
                port, serviceHeap);
    }
}
