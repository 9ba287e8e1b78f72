package io.dynasplit.testbed.emulated;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.emulated.Calibration.PaperFigure;
import io.dynasplit.testbed.emulated.Calibration.RowComparison;
import io.dynasplit.testbed.emulated.Calibration.Summary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calibration goal, computed from the measured rows: median absolute error <= 10% for latency and energy. */
class CalibrationTest {
    private static final List<CalibrationRow> ROWS = CalibrationData.bundled();

    @Test
    void bundledTablesHoldTheMeasuredRows() {
        assertEquals(515, ROWS.stream().filter(r -> r.config().model().equals("vgg16")).count());
        assertEquals(44, ROWS.stream().filter(r -> r.config().model().equals("vit-b16")).count());
    }

    @Test
    void emulatorMeetsTheGoalOnEveryRow() {
        List<RowComparison> c = Calibration.compare(new PaperTestbed(), ROWS);
        assertEquals(ROWS.size(), c.size());
        for (String model : List.of("vgg16", "vit-b16")) {
            Summary s = Calibration.summarize(model, c);
            assertTrue(s.latencyMedian() <= Calibration.GOAL_PERCENT, model + " latency " + s.latencyMedian() + "%");
            assertTrue(s.energyMedian() <= Calibration.GOAL_PERCENT, model + " energy " + s.energyMedian() + "%");
            assertTrue(s.gpuEnergyMedian() <= Calibration.GOAL_PERCENT, model + " gpu-marginal " + s.gpuEnergyMedian() + "%");
        }
    }

    @Test
    void predictsRowsItWasNotFittedTo() {
        List<RowComparison> c = Calibration.crossValidate(ROWS, 5, 7);
        assertEquals(ROWS.size(), c.size());
        for (String model : List.of("vgg16", "vit-b16")) {
            Summary s = Calibration.summarize(model, c);
            assertTrue(s.latencyMedian() <= Calibration.GOAL_PERCENT, model + " held-out latency " + s.latencyMedian());
            assertTrue(s.energyMedian() <= Calibration.GOAL_PERCENT, model + " held-out energy " + s.energyMedian());
        }
    }

    @Test
    void predictsASplitPointWithNoMeasurementAtAll() {
        for (int layer : List.of(8, 12, 16)) {
            List<CalibrationRow> train = ROWS.stream().filter(r -> r.config().layer() != layer).toList();
            List<CalibrationRow> test = ROWS.stream().filter(r -> r.config().layer() == layer).toList();
            PaperTestbed fitted = new PaperTestbed(PaperProfileFit.fit(train), CloudEnergyAccounting.WHOLE_NODE);
            List<RowComparison> c = Calibration.compare(fitted, test);
            double lat = Quantiles.median(c.stream().mapToDouble(RowComparison::latencyErrorPercent).toArray());
            double en = Quantiles.median(c.stream().mapToDouble(RowComparison::energyErrorPercent).toArray());
            assertTrue(lat <= 15 && en <= 10, "split point " + layer + " unseen: latency " + lat + "%, energy " + en + "%");
        }
    }

    @Test
    void paperFiguresAreReproduced() {
        PaperTestbed testbed = new PaperTestbed();
        List<PaperFigure> figures = Calibration.paperFigures();
        assertTrue(figures.size() > 50);
        double[] lat = figures.stream().mapToDouble(f -> Stats.absPercentError(testbed.predict(f.config()).latencyMs(),
                f.latencyMs())).toArray();
        double[] en = figures.stream().filter(f -> !Double.isNaN(f.energyJ())).mapToDouble(f -> Stats.absPercentError(
                testbed.predict(f.config()).energyJ(), f.energyJ())).toArray();
        assertTrue(Quantiles.median(lat) <= Calibration.GOAL_PERCENT, "paper figures latency " + Quantiles.median(lat));
        assertTrue(Quantiles.median(en) <= Calibration.GOAL_PERCENT, "paper figures energy " + Quantiles.median(en));
    }

    @Test
    void worstRowsAreExplained() {
        List<RowComparison> c = Calibration.compare(new PaperTestbed(), ROWS);
        RowComparison worst = Calibration.worst(c, "vgg16", false, 1).get(0);
        assertTrue(worst.latencyErrorPercent() > 50);
        String why = Calibration.explain(worst);
        assertTrue(why.contains("800 MHz setting did not take"), why);
    }
}
