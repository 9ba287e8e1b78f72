package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.InferenceResult;

import java.io.PrintStream;
import java.util.Locale;

/** On a terminal: one line redrawn in place with a bar, the counts and the latest result; the summary at the end. */
final class LiveProgressBar implements ReplayProgress {
    static final int BAR_WIDTH = 16;
    /** Within an 80-column terminal: a redraw that wrapped onto a second row would leave its first row behind. */
    static final int MAX_WIDTH = 79;

    private final String model;
    private final String device;
    private final PrintStream out;
    private final ReplayTally tally = new ReplayTally();
    private int drawnWidth;

    LiveProgressBar(String model, String device, PrintStream out) {
        this.model = model;
        this.device = device;
        this.out = out;
    }

    @Override
    public void onResult(int index, int total, InferenceResult result, double thresholdMs) {
        tally.add(result);
        int done = index + 1;
        int filled = total == 0 ? BAR_WIDTH : BAR_WIDTH * done / total;
        String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d %s | %s", model, "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), done, total, tally.counts(), latest(result));
        if (line.length() > MAX_WIDTH) {
            line = line.substring(0, MAX_WIDTH);
        }
        // pad over what the previous, longer draw left on the line
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }

    /** {@code l=22 573 ms met}: the latest result's split layer, latency and verdict, short enough for the bar. */
    private static String latest(InferenceResult result) {
        if (result.config() == null || result.latency() == null) {
            return result.status().wireName();
        }
        return String.format(Locale.ROOT, "l=%d %.0f ms %s", result.config().layer(), result.latency().totalMs(),
                result.thresholdMet() ? "met" : "MISSED");
    }

    @Override
    public void finish() {
        out.print("\r" + " ".repeat(drawnWidth) + "\r");
        out.println(tally.summary(model, device));
        out.flush();
    }
}
