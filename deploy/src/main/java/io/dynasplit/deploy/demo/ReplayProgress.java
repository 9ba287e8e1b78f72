package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.InferenceResult;

import java.io.PrintStream;

/**
 * How the demo shows a model's replay while it runs, suited to where the output goes: a live bar redrawn in place on a
 * terminal, or a line per ten results and a summary when the output is a file or a pipe, where a redrawn line would
 * pile up into one line thousands of characters long.
 */
interface ReplayProgress {

    /** Result {@code index} (0-based) of {@code total} arrived for a request with threshold {@code thresholdMs}. */
    void onResult(int index, int total, InferenceResult result, double thresholdMs);

    /** The replay is over: ends the bar or prints the summary. */
    void finish();

    /**
     * A live bar when {@code terminal} (a person watches: {@code System.console() != null}), else plain lines.
     */
    static ReplayProgress of(String model, String device, PrintStream out, boolean terminal) {
        return terminal ? new LiveProgressBar(model, device, out) : new ProgressLines(model, device, out);
    }
}
