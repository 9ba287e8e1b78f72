package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.InferenceResult;

import java.io.PrintStream;
import java.util.Locale;

/**
 * For a file or a pipe: a line every {@value #EVERY} results (and at the last), with the counts so far and the latest
 * result, a line for each missed threshold, and the summary at the end. No carriage returns, no long lines.
 */
final class ProgressLines implements ReplayProgress {
    static final int EVERY = 10;

    private final String model;
    private final String device;
    private final PrintStream out;
    private final ReplayTally tally = new ReplayTally();

    ProgressLines(String model, String device, PrintStream out) {
        this.model = model;
        this.device = device;
        this.out = out;
    }

    @Override
    public void onResult(int index, int total, InferenceResult result, double thresholdMs) {
        tally.add(result);
        int done = index + 1;
        if (!result.thresholdMet()) {
            out.printf(Locale.ROOT, "%s request %d/%d missed: %s%n", model, done, total,
                    ReplayTally.describe(result, thresholdMs));
        }
        if (done % EVERY == 0 || done == total) {
            out.printf(Locale.ROOT, "%s %d/%d: %s; latest %s%n", model, done, total, tally.counts(),
                    ReplayTally.describe(result, thresholdMs));
        }
    }

    @Override
    public void finish() {
        out.println(tally.summary(model, device));
    }
}
