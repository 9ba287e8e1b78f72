package io.dynasplit.selection.workload;

import java.util.Locale;

/**
 * Where an experiment's thresholds come from. {@code PAPER} replays the paper's own draws where it made them (50 or
 * 10,000 requests of vgg16, resnet50, mobilenetv2, vit-b16) and otherwise falls back to the seeded generator, saying
 * so; {@code SEEDED} always uses the seeded generator (same distribution, other numbers).
 */
public enum ThresholdWorkload {
    PAPER, SEEDED;

    /** A set of thresholds and a line for the report saying where they came from. */
    public record Drawn(double[] thresholdsMs, String source) {
    }

    public static ThresholdWorkload parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workload must be paper or seeded, got '" + name + "'");
        }
    }

    public Drawn draw(String model, int n, double shape, double minMs, double maxMs, long seed) {
        if (this == PAPER && shape == 1.0) {
            var paper = Thresholds.paper(model, n, minMs, maxMs);
            if (paper.isPresent()) {
                return new Drawn(paper.get(), "the paper's numpy draws (default_rng(123456789), Weibull shape 1)");
            }
        }
        String why = this == PAPER ? (shape == 1.0 ? "; the paper drew none for " + n + " requests of " + model
                : "; shape " + shape + " is not the paper's") : "";
        return new Drawn(Thresholds.weibullScaled(n, shape, minMs, maxMs, seed),
                "seeded Java draws (Weibull shape " + shape + ", seed " + seed + why + ")");
    }
}
