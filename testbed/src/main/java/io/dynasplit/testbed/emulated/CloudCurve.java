package io.dynasplit.testbed.emulated;

import io.dynasplit.testbed.CloudEnergyAccounting;

/**
 * Cloud processing time per split point (the tail from l to L, per image, including the serving loop's fixed
 * cost) on one cloud device (GPU or CPU), and the node's power model: a base draw over the whole window plus an
 * extra draw while the tail computes beyond the fixed floor. The GPU board's own draw is modelled the same way for
 * {@code gpu-marginal} accounting.
 */
public record CloudCurve(double[] tailMs, boolean calibrated, double floorMs, double nodeBaseWatts,
                         double nodeComputeWatts, double gpuBaseWatts, double gpuComputeWatts) {

    public CloudCurve {
        tailMs = tailMs.clone();
    }

    public double ms(int layer) {
        return tailMs[layer];
    }

    public double energyJ(double cloudMs, CloudEnergyAccounting accounting) {
        if (cloudMs <= 0) {
            return 0;
        }
        double computeMs = Math.max(0, cloudMs - floorMs);
        return switch (accounting) {
            case WHOLE_NODE -> (nodeBaseWatts * cloudMs + nodeComputeWatts * computeMs) / 1000;
            case GPU_MARGINAL -> (gpuBaseWatts * cloudMs + gpuComputeWatts * computeMs) / 1000;
        };
    }

    @Override
    public double[] tailMs() {
        return tailMs.clone();
    }
}
