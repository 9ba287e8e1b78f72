package io.dynasplit.testbed.emulated;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fitted emulator of the paper's testbed: the edge's frequencies, the network between edge and cloud, the
 * per-network costs, how often a requested CPU frequency did not take (the board then ran at its highest one),
 * and what reconfiguration costs.
 *
 * @param staleFrequencyProbability per CPU frequency, the share of measured CPU runs whose head time matched a
 *                                  higher clock than the one set (the paper's 800 MHz outliers)
 * @param shapePriors               the fitted shape-prior coefficients, in words (for the calibration report)
 * @param reference                 the network whose rows fixed the shape priors and the edge power model
 * @param estimator                 prices networks from their shape alone: the built-in ones the rows do not
 *                                  measure (int8 heads, as the reference's)
 * @param floatHeadEstimator        the same for float32 heads (registered networks: ONNX Runtime runs them in
 *                                  float), the edge CPU priced from the measured float network
 */
public record PaperProfile(List<Integer> cpuFrequenciesMhz, TransferModel transfer, Map<String, NetworkCosts> networks,
                           Map<Integer, Double> staleFrequencyProbability, ReconfigurationModel reconfiguration,
                           String shapePriors, String reference, ShapeEstimator estimator,
                           ShapeEstimator floatHeadEstimator) {

    public PaperProfile {
        cpuFrequenciesMhz = List.copyOf(cpuFrequenciesMhz);
        networks = Map.copyOf(networks);
        staleFrequencyProbability = new TreeMap<>(staleFrequencyProbability);
    }

    public int maxMhz() {
        return cpuFrequenciesMhz.get(cpuFrequenciesMhz.size() - 1);
    }

    public NetworkCosts network(String model) {
        NetworkCosts n = networks.get(model);
        if (n == null) {
            throw new IllegalArgumentException("the paper testbed has no costs for model '" + model + "'");
        }
        return n;
    }
}
