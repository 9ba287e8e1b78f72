package io.dynasplit.statistics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantilesTest {

    @Test
    void interpolatesBetweenClosestRanksAsRAndNumpyDo() {
        double[] v = {7, 1, 3, 5};                   // sorted 1 3 5 7
        assertEquals(4.0, Quantiles.median(v), 1e-12, "even count: mean of the middle two");
        assertEquals(2.5, Quantiles.quantile(v, 0.25), 1e-12); // numpy.quantile([1,3,5,7], .25) = 2.5
        assertEquals(6.7, Quantiles.quantile(v, 0.95), 1e-12); // 5 + 0.85 * 2
        assertEquals(1.0, Quantiles.quantile(v, 0), 1e-12);
        assertEquals(7.0, Quantiles.quantile(v, 1), 1e-12);
        assertEquals(3.0, Quantiles.median(new double[] {3}), 1e-12);
        assertArrayEqualsUnchanged(v);
        assertEquals(5.0, Quantiles.median(List.of(9, 5, 1)), 1e-12);
        assertEquals(2.0, Quantiles.mad(new double[] {1, 3, 5, 7}), 1e-12); // deviations 3 1 1 3
    }

    private static void assertArrayEqualsUnchanged(double[] v) {
        assertEquals(7, v[0], 0, "the input is not sorted in place");
    }

    @Test
    void emptyIsNaNAndAQuantileOutsideTheUnitIntervalIsRefused() {
        assertTrue(Double.isNaN(Quantiles.median(new double[0])));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[] {1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[] {1}, Double.NaN));
    }

    @Test
    void aSummaryGivesTheSpreadAndTheConfidenceOfTheMean() {
        Summary s = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertEquals(8, s.count());
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(2.138089935299395, s.standardDeviation(), 1e-12); // sample sd (n - 1)
        assertEquals(4.0, s.q1(), 1e-12);
        assertEquals(4.5, s.median(), 1e-12);
        // t(0.975, 7) = 2.364624251592785
        assertEquals(2.364624251592785 * 2.138089935299395 / Math.sqrt(8), s.meanHalfWidth(0.95), 1e-9);
        assertTrue(Double.isNaN(Summary.of(new double[] {1}).meanHalfWidth(0.95)));
        assertEquals("min 2.0, q1 4.0, median 4.5, mean 5.0, q3 5.5, max 9.0", s.fiveNumbersAndMean(1));
    }
}
