package io.dynasplit.testbed.emulated;

/**
 * A drift injected into an emulated edge board: from its {@code fromCommand}-th command on (0: the first), every head
 * runs {@code factor} times as long and draws that much more energy while computing ({@link DriftedTestbed#board}).
 * Layer-0 commands run no head and are not slowed, but they count. Injected to see the closed loop react to a board
 * that no longer runs as profiled, without a restart.
 */
public record BoardDrift(double factor, long fromCommand) {

    public BoardDrift {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("board drift factor must be a positive finite number, got " + factor);
        }
        if (fromCommand < 0) {
            throw new IllegalArgumentException("board drift must begin at command 0 or later, got " + fromCommand);
        }
    }

    /** No drift: the board runs as profiled. */
    public static BoardDrift none() {
        return new BoardDrift(1.0, 0);
    }

    public boolean drifts() {
        return factor != 1.0;
    }
}
