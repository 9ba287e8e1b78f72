package io.dynasplit.contracts;

import java.time.Instant;
import java.util.List;

/** One realistic instance of every event, for round-trip and schema tests. */
final class Samples {
    static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123Z");
    static final SplitConfig CONFIG = new SplitConfig("vgg16", 17, 1600, AcceleratorMode.MAX, true);

    private Samples() {
    }

    static InferenceRequest request() {
        return InferenceRequest.of("req-1", "pi-a", "vgg16", 430.5, "image/png", new byte[] {1, 2, 3}, null, T0);
    }

    static EdgeCommand command() {
        return new EdgeCommand(EdgeCommand.SCHEMA_VERSION, request(), CONFIG, WireDtype.INT8, T0.plusMillis(430),
                new Decision("energy-within-threshold/fastest", false, 122.4, 63.5, 0, 0, 1.0, 3, "device"), T0);
    }

    static EdgeReport edgeReport() {
        return new EdgeReport("edge-pi-a", "paper-pi4-coral", 1.5, 120.0, 48.9, 3.2, 0.28, 3.5,
                "emulated:paper-pi4-coral", "emulated:paper-pi4-coral", T0.plusMillis(170));
    }

    static SplitTensor tensor() {
        return new SplitTensor(SplitTensor.SCHEMA_VERSION, "req-1", "pi-a", "vgg16", 430.5, T0, T0.plusMillis(430),
                CONFIG, 17, WireDtype.INT8, 0.05f, -3, List.of(1, 512, 14, 14), edgeReport(), new byte[512 * 14 * 14]);
    }

    static InferenceResult result() {
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, "req-1", "pi-a", "vgg16", ResultStatus.OK,
                List.of(new ClassScore(281, "tabby", 0.61), new ClassScore(285, "Egyptian cat", 0.2)), CONFIG,
                Placement.SPLIT, LatencyBreakdown.of(1.5, 120, 48.9, 3.4, 70.1),
                EnergyBreakdown.of(0.67, 62.89, "whole-node"), 430.5, true,
                new FigureSources("emulated:paper-pi4-coral", "emulated:paper-pi4-coral", "emulated:paper-pi4-coral",
                        "measured:wall-clock", "emulated:paper-gpu-node", "emulated:paper-pi4-coral",
                        "emulated:paper-gpu-node"),
                new HostTimings(3.2, 2.1, 15.7), null, T0, T0.plusMillis(250));
    }

    static EnergyTelemetry telemetry() {
        return new EnergyTelemetry(EnergyTelemetry.SCHEMA_VERSION, "edge-pi-a", "edge", "paper-pi4-coral", "req-1",
                T0, T0.plusMillis(49), 0.28, 5.7, "emulated:paper-pi4-coral", false, "whole-board", T0.plusMillis(50));
    }

    static ParetoFront front() {
        return new ParetoFront(ParetoFront.SCHEMA_VERSION, "vgg16", "paper-pi4-coral", 3, T0,
                new FrontProvenance("NSGAIII", 7, 184, 184, 917, "profile:paper", "emulated:paper-pi4-coral", 0.995),
                List.of(new ParetoEntry(CONFIG, 122.4, 63.55, 0.609, new MeasuredSpread(10, 0.021, 0.034)),
                        new ParetoEntry(new SplitConfig("vgg16", 22, 800, AcceleratorMode.STD, false), 442, 2.3, 0.603)));
    }

    static DeadLetter deadLetter() {
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, "scheduler", Topics.REQUESTS, 2, 41, "pi-a",
                "latencyThresholdMs must be > 0", "InvalidRequest", DeadLetter.excerpt("{\"x\":1}".getBytes()), 7, T0);
    }

    static ReprofileRequest reprofile() {
        return new ReprofileRequest(ReprofileRequest.SCHEMA_VERSION, "vgg16", "paper-pi4-coral", 3,
                "median of a configuration's last 3 runs >= 1.25 x its profile", List.of(
                new ReprofileRequest.DriftEvidence(CONFIG, 122.4, 63.55, 3, 1.8, 1.79)), 42, "/dynasplit/scheduler", T0);
    }

    static List<Object> all() {
        return List.of(request(), command(), result(), telemetry(), front(), deadLetter(), reprofile(), tensor());
    }
}
