package io.dynasplit.testbed;

import io.dynasplit.contracts.SplitConfig;

/**
 * What one configuration costs per inference on a testbed: device latency (ms) and energy (J) per part, the size
 * of the tensor it ships (KB) and its top-1 accuracy (NaN when unknown).
 */
public record Prediction(SplitConfig config, double edgeLatencyMs, double transferMs, double cloudLatencyMs,
                         double edgeEnergyJ, double cloudEnergyJ, double tensorKb, double accuracy) {

    public double latencyMs() {
        return edgeLatencyMs + transferMs + cloudLatencyMs;
    }

    public double energyJ() {
        return edgeEnergyJ + cloudEnergyJ;
    }
}
