package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.SplitConfig;

import java.util.random.RandomGenerator;

/**
 * What switching the edge's knobs costs in device time (paper-facts, "Measured overheads": median 116 ms for the
 * ViT runs, which only change the CPU frequency, and 137 ms for VGG16, whose changes mostly involve the Edge TPU
 * mode; minimum 94-97 ms, maximum ~0.5 s). A draw is {@code min + (median - min) * exp(sigma * z)}, a shifted
 * log-normal whose sigma matches the measured means (146 and 154 ms), capped at {@code capMs}.
 */
public record ReconfigurationModel(Spread cpuFrequencyOnly, Spread acceleratorChange) {

    /** The paper's measured figures. */
    public static ReconfigurationModel paper() {
        return new ReconfigurationModel(new Spread(94, 116, 1.31, 600), new Spread(97, 137, 0.84, 600));
    }

    public double medianMs(SplitConfig from, SplitConfig to) {
        Spread s = spread(from, to);
        return s == null ? 0 : s.medianMs();
    }

    public double sampleMs(SplitConfig from, SplitConfig to, RandomGenerator rng) {
        Spread s = spread(from, to);
        return s == null ? 0 : s.sample(rng);
    }

    /** Null when no edge knob changes; an unknown previous state ({@code from == null}) counts as a change. */
    private Spread spread(SplitConfig from, SplitConfig to) {
        if (!to.needsEdgeReconfiguration(from)) {
            return null;
        }
        return from != null && from.edgeAccelerator() == to.edgeAccelerator() ? cpuFrequencyOnly : acceleratorChange;
    }

    /** One kind of change's distribution. */
    public record Spread(double minMs, double medianMs, double sigma, double capMs) {
        double sample(RandomGenerator rng) {
            return Math.min(capMs, minMs + (medianMs - minMs) * Math.exp(sigma * rng.nextGaussian()));
        }
    }
}
