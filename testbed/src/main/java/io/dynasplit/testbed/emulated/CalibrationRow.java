package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.SplitConfig;

/**
 * One measured configuration of the paper's testbed: the median of {@code samples} runs, each an average over
 * 1000 images. Latencies in ms, energies in J, tensor in KB; accuracy NaN where the table has none (ViT).
 */
public record CalibrationRow(SplitConfig config, int samples, double latencyMs, double energyJ, double edgeLatencyMs,
                             double transferMs, double cloudLatencyMs, double edgeEnergyJ, double cloudEnergyJ,
                             double cloudGpuEnergyJ, double tensorKb, double accuracy) {

    /** Edge window spent waiting for the cloud side: transfer plus cloud processing. */
    double waitMs() {
        return transferMs + cloudLatencyMs;
    }
}
