package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayProgressTest {
    static final int REQUESTS = 50;

    @Test
    void toAFileEveryTenResultsMakeALineAndTheSummaryEndsIt() {
        String printed = replay(false);

        assertFalse(printed.contains("\r"), "no carriage returns in a file");
        List<String> lines = printed.lines().toList();
        lines.forEach(line -> assertTrue(line.length() <= 200, "line of " + line.length() + ": " + line));
        // 5 progress lines, one per missed threshold (every seventh request), the summary
        assertEquals(5 + REQUESTS / 7 + 1, lines.size(), printed);
        assertTrue(lines.get(lines.size() - 1).startsWith("vgg16 on pi-a: 50 results in "), printed);
        assertTrue(lines.get(lines.size() - 1).contains("43 met, 7 missed (86% met)"), printed);
        assertTrue(printed.contains("vgg16 10/50: 9 met, 1 missed; latest vgg16/l=17/1600MHz/max/gpu"), printed);
        assertTrue(printed.contains("vgg16 request 7/50 missed: vgg16/l=17/1600MHz/max/gpu 700.0 ms (threshold 500.0)"),
                printed);
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceThenTheSummary() {
        String printed = replay(true);

        String[] draws = printed.split("\r");
        assertTrue(draws.length > REQUESTS, "one redraw per result");
        for (int i = 0; i < draws.length - 1; i++) {
            assertFalse(draws[i].contains("\n"), "a redraw stays on its line: " + draws[i]);
            assertTrue(draws[i].length() <= LiveProgressBar.MAX_WIDTH, "fits an 80-column terminal: " + draws[i]);
        }
        assertTrue(draws[draws.length - 1].length() <= 200, "the summary: " + draws[draws.length - 1]);
        assertTrue(printed.contains("vgg16 [" + "#".repeat(LiveProgressBar.BAR_WIDTH) + "] 50/50 43 met, 7 missed"
                + " | l=17 400 ms met"), printed);
        assertTrue(printed.contains("| l=17 700 ms MISSED"), printed);
        assertTrue(printed.endsWith("(86% met); latency median 400.0 ms, energy mean 2.50 J" + System.lineSeparator()),
                printed);
    }

    private static String replay(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ReplayProgress progress = ReplayProgress.of("vgg16", "pi-a", out, terminal);
        for (int i = 0; i < REQUESTS; i++) {
            boolean missed = (i + 1) % 7 == 0;
            progress.onResult(i, REQUESTS, result(missed ? 700 : 400), 500);
        }
        progress.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static InferenceResult result(double latencyMs) {
        SplitConfig config = new SplitConfig("vgg16", 17, 1600, AcceleratorMode.MAX, true);
        return new InferenceResult(1, "r", "pi-a", "vgg16", ResultStatus.OK, List.of(), config, Placement.SPLIT,
                LatencyBreakdown.of(0, 0, latencyMs - 100, 20, 80), EnergyBreakdown.of(1.0, 1.5, "whole-node"), 500,
                latencyMs <= 500, null, null, null, Instant.EPOCH, Instant.EPOCH);
    }
}
