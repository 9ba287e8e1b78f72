package io.dynasplit.testbed.emulated;

import io.dynasplit.testbed.emulated.EstimateCheck.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cross-network check of the per-operation estimate on the authors' measurements (docs/estimate.md). */
class EstimateCheckTest {
    private static final List<Direction> IN_USE = EstimateCheck.run(CalibrationData.bundled());

    private static Direction direction(List<Direction> all, String fitted, String predicted) {
        return all.stream().filter(d -> d.fittedOn().equals(fitted) && d.predicted().equals(predicted))
                .findFirst().orElseThrow();
    }

    private static double[] errors(Direction d) {
        return new double[] {d.edgeLatency(), d.edgeEnergy(), d.cloudLatency(), d.cloudEnergy(), d.latency(), d.energy()};
    }

    @Test
    void everyDirectionHasFiniteErrorsOverTheMeasuredCpuRows() {
        assertEquals(4, IN_USE.size());
        for (Direction d : IN_USE) {
            assertTrue(d.rows() > 0, d.toString());
            for (double e : errors(d)) {
                assertTrue(Double.isFinite(e) && e >= 0, d.toString());
            }
        }
        assertEquals(186, direction(IN_USE, "vit-b16", "vgg16").rows(), "vgg16's rows with the accelerator off");
        assertEquals(44, direction(IN_USE, "vgg16", "vit-b16").rows());
    }

    @Test
    void ratesFittedOnANetworkPredictItBetterThanTheOtherNetwork() {
        for (String fitted : EstimateCheck.NETWORKS) {
            String other = EstimateCheck.NETWORKS.stream().filter(n -> !n.equals(fitted)).findFirst().orElseThrow();
            double[] in = errors(direction(IN_USE, fitted, fitted));
            double[] cross = errors(direction(IN_USE, fitted, other));
            for (int q = 0; q < in.length; q++) {
                assertTrue(in[q] < cross[q], fitted + " quantity " + q + ": in-sample " + in[q] + "% vs cross " + cross[q] + "%");
            }
            assertTrue(in[4] < 5 && in[5] < 5, "in-sample latency and energy within 5%: " + direction(IN_USE, fitted, fitted));
        }
    }

    @Test
    void independentFeaturesCarryTheCloudFromVitToVggBetterThanVaryingOnes() {
        Direction first = direction(EstimateCheck.run(CalibrationData.bundled(), FeatureSelection.VARYING), "vit-b16", "vgg16");
        Direction inUse = direction(IN_USE, "vit-b16", "vgg16");
        assertTrue(inUse.cloudLatency() < first.cloudLatency() / 2, first + " vs " + inUse);
        assertTrue(inUse.cloudEnergy() < first.cloudEnergy(), first + " vs " + inUse);
    }

    @Test
    void floatHeadsCostAboutTwiceAsMuchPerMacAsInt8Heads() {
        Map<String, Double> rates = EstimateCheck.cpuRates(CalibrationData.bundled());
        double ratio = rates.get("vit-b16") / rates.get("vgg16");
        assertTrue(ratio > 1.5 && ratio < 2.5, "fp32 / int8 per-MAC time " + ratio);
    }
}
