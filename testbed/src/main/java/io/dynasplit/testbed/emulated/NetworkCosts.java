package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;

import java.util.Map;

/**
 * Everything the emulator knows about one network on the paper's devices.
 *
 * @param edge       head time per accelerator mode (only the modes the network can use)
 * @param cloudCpu   tail on the cloud node's CPU
 * @param cloudGpu   tail on the cloud node's GPU
 * @param accuracyCpu top-1 accuracy per split point with the head on the edge CPU (NaN: unknown)
 * @param accuracyAccelerator the same with an accelerator-compiled head
 * @param calibrated true when the paper measured this network; false for the shape-scaled ones
 */
public record NetworkCosts(NetworkShape shape, Map<AcceleratorMode, EdgeCurve> edge, CloudCurve cloudCpu,
                           CloudCurve cloudGpu, EdgePowerModel power, double[] accuracyCpu,
                           double[] accuracyAccelerator, RunSpread spread, boolean calibrated) {

    public NetworkCosts {
        edge = Map.copyOf(edge);
        accuracyCpu = accuracyCpu.clone();
        accuracyAccelerator = accuracyAccelerator.clone();
    }

    public String model() {
        return shape.model();
    }

    public EdgeCurve edge(AcceleratorMode mode) {
        EdgeCurve c = edge.get(mode);
        if (c == null) {
            throw new IllegalArgumentException(model() + " cannot run its head with accelerator " + mode.wireName());
        }
        return c;
    }

    public CloudCurve cloud(boolean gpu) {
        return gpu ? cloudGpu : cloudCpu;
    }

    public double accuracy(int layer, AcceleratorMode mode) {
        return mode == AcceleratorMode.OFF ? accuracyCpu[layer] : accuracyAccelerator[layer];
    }
}
