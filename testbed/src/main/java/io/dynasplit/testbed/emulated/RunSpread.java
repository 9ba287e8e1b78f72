package io.dynasplit.testbed.emulated;

/**
 * Run-to-run spread of a network's measurements (paper-facts, "Run-to-run spread"): the median configuration's
 * coefficient of variation for latency and energy, and how much configurations differ from each other
 * ({@code configSigma}: a configuration's CVs are the medians times exp(configSigma * z), z standard normal and fixed
 * per configuration, so that a few configurations vary far more than the median one).
 */
public record RunSpread(double latencyCv, double energyCv, double configSigma) {

    /**
     * The share of energy spread not explained by the latency spread (power varies too), when the latency CV is
     * scaled by {@code latencyScale}.
     */
    double powerCv(double latencyScale) {
        double l = latencyCv * latencyScale;
        return Math.sqrt(Math.max(0, energyCv * energyCv - l * l));
    }
}
