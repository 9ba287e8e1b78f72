package io.dynasplit.deploy.stack;

import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.testbed.emulated.BoardDrift;

import java.nio.file.Path;
import java.util.List;

/**
 * What the local stack runs: the edge devices (each with its own edge node), the device class, the models the nodes
 * preload, the pacing speed-up of emulated devices (0 = report device time without sleeping), where logs go, and the
 * scheduler's fallback policy and safety margin, and the nodes' hardware mode: {@code emulated} (the paper's devices,
 * the default) or {@code auto} (this machine's meters, else its host energy model; device time stays emulated), and a
 * drift injected into the nodes' emulated boards (none by default).
 */
public record StackSettings(Path home, List<String> edgeDevices, String deviceClass, List<String> preloadModels,
                            double pacingSpeedup, String fallbackPolicy, Path logDir, int firstHttpPort,
                            String serviceHeap, double marginZ, String hardware, BoardDrift edgeDrift) {

    public static StackSettings defaults(Path home) {
        return new StackSettings(home, List.of("pi-a", "pi-b"), "paper-pi4-coral", List.of(), 0, "fastest",
                home.resolve("target/stack-logs"), 18080, "1500m", FeedbackSettings.defaults().zScore(), "emulated",
                BoardDrift.none());
    }

    public StackSettings withEdgeDevices(List<String> devices) {
        return new StackSettings(home, devices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap, marginZ, hardware, edgeDrift);
    }

    public StackSettings withPreloadModels(List<String> models) {
        return new StackSettings(home, edgeDevices, deviceClass, models, pacingSpeedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap, marginZ, hardware, edgeDrift);
    }

    public StackSettings withPacingSpeedup(double speedup) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, speedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap, marginZ, hardware, edgeDrift);
    }

    public StackSettings withLogDir(Path dir) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, dir,
                firstHttpPort, serviceHeap, marginZ, hardware, edgeDrift);
    }

    /** The scheduler's safety margin ({@code dynasplit.scheduler.margin-z}). */
    public StackSettings withMarginZ(double z) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap, z, hardware, edgeDrift);
    }

    public StackSettings withFirstHttpPort(int port) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, logDir,
                port, serviceHeap, marginZ, hardware, edgeDrift);
    }

    /** The nodes' {@code hardware} setting: {@code emulated} or {@code auto}. */
    public StackSettings withHardware(String mode) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap, marginZ, io.dynasplit.testbed.hardware.HardwareMode.parse(mode).wireName(),
                edgeDrift);
    }

    /** A drift injected into every edge node's emulated board ({@code dynasplit.edge.drift.*}). */
    public StackSettings withEdgeDrift(BoardDrift drift) {
        return new StackSettings(home, edgeDevices, deviceClass, preloadModels, pacingSpeedup, fallbackPolicy, logDir,
                firstHttpPort, serviceHeap, marginZ, hardware, drift);
    }
}
