package io.dynasplit.optimizer.quality;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HypervolumeRatioTest {
    // exhaustive front (2 objectives): ideal (0, 0), nadir (10, 10), reference point (11, 11)
    private final List<double[]> exact = List.of(new double[] {0, 10}, new double[] {5, 5}, new double[] {10, 0});

    @Test
    void theReferencePointIsTheNadirPlusTenPercentOfTheRange() {
        assertArrayEquals(new double[] {11, 11}, HypervolumeRatio.against(exact).referencePoint(), 1e-12);
    }

    @Test
    void volumesMatchTheGeometryOfTheBoxUpToTheReferencePoint() {
        HypervolumeRatio hv = HypervolumeRatio.against(exact);
        // dominated area in raw units: 11*1 + 6*5 + 1*5 ... computed by slabs along x:
        // x in [0,5): y from 10 to 11 -> 5*1; x in [5,10): y from 5 to 11 -> 5*6; x in [10,11): y from 0 to 11 -> 1*11
        double raw = 5 * 1 + 5 * 6 + 1 * 11;
        assertEquals(raw / (11 * 11), hv.referenceVolume(), 1e-9);
        // the two extreme points only: x in [0,10): 1 high; x in [10,11): 11 high
        double extremes = 10 * 1 + 1 * 11;
        assertEquals(extremes / raw, hv.ratio(List.of(exact.get(0), exact.get(2))), 1e-9);
        assertEquals(1.0, hv.ratio(exact), 1e-12);
    }

    @Test
    void pointsBeyondTheReferencePointAddNothing() {
        HypervolumeRatio hv = HypervolumeRatio.against(exact);
        assertEquals(0.0, hv.volume(List.of(new double[] {12, 12})), 1e-12);
        assertEquals(hv.ratio(List.of(exact.get(1))), hv.ratio(List.of(exact.get(1), new double[] {12, 0.5})), 1e-12);
    }

    @Test
    void extremePointsCountUnlikeWithTheDefaultNormaliser() {
        // with MOEA's default normaliser the extremes of the reference set would add nothing; here they do
        HypervolumeRatio hv = HypervolumeRatio.against(exact);
        assertTrue(hv.volume(List.of(exact.get(0))) > 0);
        assertTrue(hv.volume(List.of(exact.get(2))) > 0);
    }

    @Test
    void worksInThreeDimensions() {
        List<double[]> front3 = List.of(new double[] {0, 1, 1}, new double[] {1, 0, 1}, new double[] {1, 1, 0});
        HypervolumeRatio hv = HypervolumeRatio.against(front3);
        assertEquals(1.0, hv.ratio(front3), 1e-12);
        // a single corner point (0,1,1) dominates 1.1 * 0.1 * 0.1 of the 1.1^3 box
        assertEquals(1.1 * 0.1 * 0.1 / Math.pow(1.1, 3), hv.volume(List.of(front3.get(0))), 1e-9);
    }
}
