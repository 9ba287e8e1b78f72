package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Costs of a network the paper did not measure, from its shape alone: the shape priors' per-operation rates
 * (fitted on the reference network's measured split points), the reference's clock share per accelerator mode,
 * its edge power model and its cloud node's power. resnet50, mobilenetv2, fmnist-cnn and every imported network
 * are priced this way; docs/estimate.md measures how far the estimate carries from one network to another.
 *
 * @param reference   the network whose rows fixed these rates
 * @param cloudCpu    the reference's tail curve on the node's CPU (its power figures are borrowed); null while the
 *                    reference itself is being fitted
 * @param cloudGpu    the same on the GPU
 * @param spread      run-to-run spread given to estimated networks (the reference's)
 */
record ShapeEstimator(String reference, ShapePriors priors, Map<AcceleratorMode, CpuShare> shares,
                      EdgePowerModel power, CloudCurve cloudCpu, CloudCurve cloudGpu, RunSpread spread) {

    ShapeEstimator {
        shares = Map.copyOf(shares);
    }

    /**
     * This estimator with the edge CPU priced from another measured network ({@code source}): its per-MAC rate,
     * clock share and board power; the cloud side stays the reference's. The Edge TPU is not priced any more (the
     * two networks' figures would not belong together).
     */
    ShapeEstimator withEdgeCpu(String source, ShapePriors cpuPriors, CpuShare share, EdgePowerModel edgePower) {
        return new ShapeEstimator(reference + " (edge CPU: " + source + ")", cpuPriors,
                Map.of(AcceleratorMode.OFF, share), edgePower.only(AcceleratorMode.OFF), cloudCpu, cloudGpu, spread);
    }

    /** The accelerator modes whose head time and power the reference measured. */
    boolean prices(AcceleratorMode mode) {
        return shares.containsKey(mode) && priors.prices(mode) && power.prices(mode);
    }

    /** Costs of {@code shape}, unknown accuracy: what an imported network gets. */
    NetworkCosts costs(NetworkShape shape, boolean acceleratorCapable) {
        double[] unknown = new double[shape.lastLayer() + 1];
        Arrays.fill(unknown, Double.NaN);
        return costs(shape, acceleratorCapable, new double[][] {unknown, unknown}, spread);
    }

    /** Costs of {@code shape} whose heads run on the edge CPU only, with a measured accuracy per split point. */
    NetworkCosts costs(NetworkShape shape, double[] cpuAccuracy) {
        double[] unknown = new double[shape.lastLayer() + 1];
        Arrays.fill(unknown, Double.NaN);
        return costs(shape, false, new double[][] {cpuAccuracy, unknown}, spread);
    }

    /** Costs of {@code shape} with the given accuracy per split point ([cpu heads, accelerator heads]). */
    NetworkCosts costs(NetworkShape shape, boolean acceleratorCapable, double[][] accuracy, RunSpread runSpread) {
        Map<AcceleratorMode, EdgeCurve> edge = new EnumMap<>(AcceleratorMode.class);
        for (AcceleratorMode mode : AcceleratorMode.values()) {
            if (mode == AcceleratorMode.OFF || acceleratorCapable) {
                edge(shape, mode).ifPresent(curve -> edge.put(mode, curve));
            }
        }
        return new NetworkCosts(shape, edge, cloud(shape, false), cloud(shape, true), power, accuracy[0], accuracy[1],
                runSpread, false);
    }

    /** The head time curve of {@code mode} from the priors, or empty when the reference did not measure it. */
    Optional<EdgeCurve> edge(NetworkShape shape, AcceleratorMode mode) {
        if (!prices(mode)) {
            return Optional.empty();
        }
        double[] curve = new double[shape.lastLayer() + 1];
        for (int l = mode == AcceleratorMode.OFF ? 0 : 1; l <= shape.lastLayer(); l++) {
            curve[l] = priors.edgeMs(shape, mode, l);
        }
        return Optional.of(EdgeCurve.of(shares.get(mode), curve, shape, false));
    }

    /** The tail time curve on one cloud device from the priors, with the reference node's power. */
    CloudCurve cloud(NetworkShape shape, boolean gpu) {
        CloudCurve ref = cloudReference(gpu);
        if (ref == null) {
            throw new IllegalStateException("the reference " + reference + " has no cloud curve yet");
        }
        double[] curve = new double[shape.lastLayer() + 1];
        for (int l = 0; l < shape.lastLayer(); l++) {
            curve[l] = priors.cloudMs(shape, gpu, l);
        }
        double floor = Arrays.stream(curve, 0, shape.lastLayer()).min().orElse(0);
        return new CloudCurve(curve, false, floor, ref.nodeBaseWatts(), ref.nodeComputeWatts(), ref.gpuBaseWatts(),
                ref.gpuComputeWatts());
    }

    CloudCurve cloudReference(boolean gpu) {
        return gpu ? cloudGpu : cloudCpu;
    }
}
