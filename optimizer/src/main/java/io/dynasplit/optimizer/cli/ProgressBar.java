package io.dynasplit.optimizer.cli;

import io.dynasplit.optimizer.evaluation.Measurement;
import io.dynasplit.optimizer.search.EvaluationListener;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, one line per 10% otherwise (logs of a
 * Kubernetes Job), and never more often than every 50 ms on a terminal so fast profile runs do not spend their
 * time printing.
 */
final class ProgressBar implements EvaluationListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void measured(Measurement measurement, int evaluations, int budget) {
        long now = System.nanoTime();
        boolean last = evaluations >= budget;
        if (interactive) {
            if (last || now - lastDraw > 50_000_000L) {
                out.print("\r" + line(evaluations, budget, now));
                lastDraw = now;
            }
        } else {
            int decile = evaluations * 10 / budget;
            if (decile != lastDecile) {
                out.println(line(evaluations, budget, now));
                lastDecile = decile;
            }
        }
        out.flush();
    }

    /** Ends the bar's line (a search may stop before the budget is spent). */
    void finish() {
        if (interactive && lastDraw != 0) {
            out.println();
        }
    }

    private String line(int evaluations, int budget, long now) {
        int filled = (int) ((long) WIDTH * evaluations / budget);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + evaluations + "/" + budget
                + " evaluations  " + String.format("%.1f s", (now - start) / 1e9);
    }
}
