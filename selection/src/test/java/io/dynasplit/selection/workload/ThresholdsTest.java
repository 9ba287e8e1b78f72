package io.dynasplit.selection.workload;

import io.dynasplit.selection.files.InputFileException;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdsTest {

    @Test
    void thePapersOwnDrawsScaledOntoItsBoundsGiveItsPublishedThresholdSets() {
        // paper-facts §5: VGG16 50 mean 1504.0, median 1096.4, quartiles 430.9 / 2214.5; ViT 50 mean 1998.8, median
        // 1559.7; VGG16 10k mean 535.1, median 401.2; ViT 10k mean 1374.0, median 985.2
        assertSet(Thresholds.paper("vgg16", 50, 90.6, 5026.8).orElseThrow(), 1504.0, 1096.4);
        assertSet(Thresholds.paper("vit-b16", 50, 118.8, 10287.6).orElseThrow(), 1998.8, 1559.7);
        assertSet(Thresholds.paper("vgg16", 10_000, 90.6, 5026.8).orElseThrow(), 535.1, 401.2);
        assertSet(Thresholds.paper("vit-b16", 10_000, 118.8, 10287.6).orElseThrow(), 1374.0, 985.2);
        double[] vgg = Thresholds.paper("vgg16", 50, 90.6, 5026.8).orElseThrow();
        Arrays.sort(vgg);
        // numpy's linear percentile: position 0.25 * (n - 1) = 12.25
        assertEquals(430.9, vgg[12] + 0.25 * (vgg[13] - vgg[12]), 0.05, "lower quartile");
    }

    @Test
    void thePaperDrewNoOtherSetsSoTheWorkloadFallsBackToTheSeededGeneratorAndSaysSo() {
        assertTrue(Thresholds.paper("vgg16", 49, 90.6, 5026.8).isEmpty());
        assertTrue(Thresholds.paper("fmnist-cnn", 50, 10, 100).isEmpty());
        ThresholdWorkload.Drawn paper = ThresholdWorkload.PAPER.draw("vgg16", 50, 1.0, 90.6, 5026.8, 7);
        assertTrue(paper.source().contains("paper's numpy draws"), paper.source());
        ThresholdWorkload.Drawn fallback = ThresholdWorkload.PAPER.draw("vgg16", 5, 1.0, 90.6, 5026.8, 7);
        assertTrue(fallback.source().contains("none for 5 requests"), fallback.source());
        assertArrayEquals(Thresholds.paperStyle(5, 90.6, 5026.8, 7), fallback.thresholdsMs());
        ThresholdWorkload.Drawn seeded = ThresholdWorkload.parse("seeded").draw("vgg16", 50, 1.0, 90.6, 5026.8, 7);
        assertArrayEquals(Thresholds.paperStyle(50, 90.6, 5026.8, 7), seeded.thresholdsMs());
        assertThrows(IllegalArgumentException.class, () -> ThresholdWorkload.parse("numpy"));
    }

    private static void assertSet(double[] t, double mean, double median) {
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        assertEquals(mean, Arrays.stream(t).average().orElseThrow(), 0.05, "mean");
        assertEquals(median, (sorted[n / 2 - 1] + sorted[n / 2]) / 2, 0.05, "median");
    }

    @Test
    void paperStyleThresholdsSpanExactlyTheBoundsAndAreSkewedLikeAnExponential() {
        double[] t = Thresholds.paperStyle(10_000, 118.8, 10287.6, 1);
        assertEquals(10_000, t.length);
        assertEquals(118.8, Arrays.stream(t).min().orElseThrow(), 1e-9);
        assertEquals(10287.6, Arrays.stream(t).max().orElseThrow(), 1e-9);
        // min-max scaling of 10k exponential draws (max ~ ln 10k ~ 9.2 scale units): mean ~ min + range / 9.2,
        // as in the paper's ViT set (mean 1374.0 ms, median 985.2 ms)
        double mean = Arrays.stream(t).average().orElseThrow();
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        double median = sorted[5000];
        assertTrue(mean > 900 && mean < 1900, "mean " + mean);
        assertTrue(median < mean, "right-skewed: median " + median + " < mean " + mean);
        assertEquals(Math.log(2), (median - 118.8) / (mean - 118.8), 0.05, "median/mean of an exponential");
    }

    @Test
    void seededAndReproducible() {
        assertArrayEquals(Thresholds.paperStyle(100, 90.6, 5026.8, 7), Thresholds.paperStyle(100, 90.6, 5026.8, 7));
        assertFalse(Arrays.equals(Thresholds.paperStyle(100, 90.6, 5026.8, 7), Thresholds.paperStyle(100, 90.6, 5026.8, 8)));
    }

    @Test
    void otherWeibullShapesChangeTheSkew() {
        double[] t = Thresholds.weibullScaled(5000, 3.0, 100, 200, 1);
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(t).average().orElseThrow();
        assertEquals(mean, sorted[2500], 5, "shape 3 is nearly symmetric");
        assertThrows(IllegalArgumentException.class, () -> Thresholds.weibullScaled(0, 1, 1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.weibullScaled(5, 1, 3, 2, 1));
    }

    @Test
    void readsTheThresholdColumnAmongOthers() {
        double[] t = Thresholds.readCsv("t.csv", new StringReader("request,threshold_ms\na,120.5\nb, 3000\n\n"));
        assertArrayEquals(new double[] {120.5, 3000}, t);
    }

    @Test
    void csvErrorsSayWhichRowAndWhy() {
        assertContains(fails("ms\n100\n"), "missing column 'threshold_ms'");
        assertContains(fails("threshold_ms\n100\nabc\n"), "data row 2: threshold_ms is not a number: 'abc'");
        assertContains(fails("threshold_ms\n0\n"), "data row 1: threshold_ms must be > 0");
        assertContains(fails("threshold_ms\nNaN\n"), "finite");
        assertContains(fails("threshold_ms\n"), "no data rows");
        assertContains(fails(""), "the file is empty");
    }

    private static String fails(String csv) {
        return assertThrows(InputFileException.class, () -> Thresholds.readCsv("t.csv", new StringReader(csv))).getMessage();
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }
}
