package io.dynasplit.deploy.request;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ClassScore;
import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.FigureSources;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutcomeTextTest {
    static final SplitConfig SPLIT = new SplitConfig("vgg16", 17, 1600, AcceleratorMode.MAX, true);
    static final FigureSources SOURCES = new FigureSources("emulated:paper-pi4-coral", "emulated:paper-pi4-coral",
            "emulated:paper-pi4-coral", "emulated:paper-pi4-coral", "emulated:paper-cloud", "emulated:paper-pi4-coral",
            "emulated:paper-cloud");

    @Test
    void aResultSaysWhatRanWhyAndAtWhatCost() {
        Decision decision = new Decision("energy-within-threshold", false, 310.2, 4.21, 0, 0, 1.0, 3, "device");
        String text = String.join("\n", OutcomeText.lines(new RequestOutcome("r-0", "Fashion-MNIST test image 0 (Ankle boot)",
                result(312.4, 500), decision, null), 0, 1, "vgg16", "pi-a", 500));

        assertTrue(text.startsWith("request 1/1: vgg16 on pi-a, threshold 500 ms, Fashion-MNIST test image 0 (Ankle boot)"), text);
        assertTrue(text.contains("configuration  vgg16/l=17/1600MHz/max/gpu: layers 1-17 on the edge (CPU 1600 MHz,"
                + " accelerator max), 18-22 in the cloud on its GPU"), text);
        assertTrue(text.contains("why            the least energy among the Pareto front's configurations predicted to"
                + " meet 500 ms\n"), text);
        assertTrue(text.contains("predicted      310.2 ms = queue 0.0 + reconfiguration 0.0 + run 310.2 (the front's"
                + " figure x1.00 from runtime feedback); 4.21 J; front v3"), text);
        assertTrue(text.contains("latency        312.4 ms = queue 0.0 + reconfiguration 0.0 + edge 200.0 + transfer 12.4"
                + " + cloud 100.0 (device time)"), text);
        assertTrue(text.contains("energy         4.30 J = edge 1.20 + cloud 3.10 (cloud counted whole-node)"), text);
        assertTrue(text.contains("sources        latency emulated:paper-pi4-coral (queue, reconfiguration, edge, transfer),"
                + " emulated:paper-cloud (cloud); energy emulated:paper-pi4-coral (edge), emulated:paper-cloud (cloud)"), text);
        assertTrue(text.contains("seeded, not trained"), text);
        assertTrue(text.endsWith("threshold      met: 312.4 ms <= 500 ms"), text);
        text.lines().forEach(line -> assertTrue(line.length() <= OutcomeText.MAX_LINE, line));
    }

    @Test
    void aFallbackAndAMissAreSaidSo() {
        Decision decision = new Decision("fastest", true, 94.2, 68.4, 0, 0, 1.0, 3, "device");
        String text = String.join("\n", OutcomeText.lines(new RequestOutcome("r-0", "x.png", result(94.6, 50), decision,
                null), 0, 1, "vgg16", "pi-a", 50));

        assertTrue(text.contains("none of the Pareto front's configurations is predicted to meet 50 ms, so the fallback"
                + " policy 'fastest' chose"), text);
        assertTrue(text.endsWith("threshold      MISSED: 94.6 ms > 50 ms"), text);
    }

    @Test
    void aDeadLetterSaysWhoRefusedAndWhy() {
        DeadLetter letter = new DeadLetter(1, "scheduler", "dynasplit.requests", 0, 7, "pi-a",
                "no Pareto front for model vgg16 on device class paper-pi4-coral yet", "UNKNOWN_MODEL",
                "{\"requestId\":\"r-0\"}", 20, Instant.EPOCH);
        List<String> lines = OutcomeText.lines(new RequestOutcome("r-0", "x.png", null, null, letter), 0, 1, "vgg16",
                "pi-a", 500);

        assertEquals(2, lines.size());
        assertEquals("  dead letter    the scheduler refused it: no Pareto front for model vgg16 on device class"
                + " paper-pi4-coral yet", lines.get(1));
    }

    @Test
    void aLongLineContinuesOnTheNext() {
        String longDetail = "x ".repeat(150);
        InferenceResult timeout = new InferenceResult(1, "r-0", "pi-a", "vgg16", ResultStatus.TIMEOUT, List.of(), null,
                null, null, null, 500, false, null, null, longDetail, Instant.EPOCH, Instant.EPOCH);
        List<String> lines = OutcomeText.lines(new RequestOutcome("r-0", "x.png", timeout, null, null), 0, 1, "vgg16",
                "pi-a", 500);

        lines.forEach(line -> assertTrue(line.length() <= OutcomeText.MAX_LINE, line));
        assertEquals("  threshold      MISSED: no result within it", lines.get(lines.size() - 1));
    }

    private static InferenceResult result(double latencyMs, double thresholdMs) {
        return new InferenceResult(1, "r-0", "pi-a", "vgg16", ResultStatus.OK,
                List.of(new ClassScore(412, "class-412", 0.012)), SPLIT, Placement.SPLIT,
                LatencyBreakdown.of(0, 0, 200, latencyMs - 300, 100), EnergyBreakdown.of(1.2, 3.1, "whole-node"),
                thresholdMs, latencyMs <= thresholdMs, SOURCES, null, null, Instant.EPOCH, Instant.EPOCH);
    }
}
