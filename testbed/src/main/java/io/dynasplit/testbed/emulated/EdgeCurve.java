package io.dynasplit.testbed.emulated;

/**
 * Head compute time on the edge per split point: a part that does not depend on the CPU clock and a part that
 * scales with the clock period, both in ms at the highest frequency:
 * {@code ms(l, f) = fixed[l] + scaled[l] * f_max / f}.
 */
public record EdgeCurve(CpuShare share, double[] fixedMs, double[] scaledMs, boolean calibrated) {

    public EdgeCurve {
        fixedMs = fixedMs.clone();
        scaledMs = scaledMs.clone();
    }

    /** Splits whole head times at f_max into the two parts with {@code share}. */
    static EdgeCurve of(CpuShare share, double[] totalAtMax, NetworkShape shape, boolean calibrated) {
        double[] fixed = new double[totalAtMax.length];
        double[] scaled = new double[totalAtMax.length];
        for (int l = 0; l < totalAtMax.length; l++) {
            scaled[l] = share.scaledMs(totalAtMax[l], shape, l);
            fixed[l] = totalAtMax[l] - scaled[l];
        }
        return new EdgeCurve(share, fixed, scaled, calibrated);
    }

    public double ms(int layer, int mhz, int maxMhz) {
        return fixedMs[layer] + scaledMs[layer] * maxMhz / (double) mhz;
    }

    public double headMsAtMax(int layer) {
        return fixedMs[layer] + scaledMs[layer];
    }

    @Override
    public double[] fixedMs() {
        return fixedMs.clone();
    }

    @Override
    public double[] scaledMs() {
        return scaledMs.clone();
    }
}
