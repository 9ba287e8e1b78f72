package io.dynasplit.runtime.accuracy;

import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import io.dynasplit.runtime.WeightsLocator;
import io.dynasplit.runtime.fmnist.FashionMnist;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Needs the Debian package dataset-fashion-mnist; skipped (with the install command) when it is absent. */
class FashionMnistAccuracyTest {

    @Test
    void int8OnTheWireKeepsTheTop1ClassOfAlmostEveryTestImageAtEverySplitPoint() throws Exception {
        Path dir = FashionMnist.defaultDirectory();
        assumeTrue(FashionMnist.isAvailable(dir), "Fashion-MNIST not found in " + dir + "; install it with: "
                + FashionMnist.INSTALL_HINT);
        FashionMnist test = FashionMnist.load(dir, FashionMnist.Part.TEST);
        assertEquals(10_000, test.size());
        try (ModelCatalog catalog = new ModelCatalog(WeightsLocator.none())) {
            SplitModel model = catalog.get("fmnist-cnn");
            List<AccuracyRow> rows = SplitAccuracy.evaluate(model, test, List.of(WireDtype.INT8), test.size());
            assertEquals(model.lastLayer() + 1, rows.size());
            AccuracyTable committed = AccuracyTable.forModel("fmnist-cnn").orElseThrow();
            for (AccuracyRow r : rows) {
                assertTrue(r.agreement() >= 0.99, "l=" + r.layer() + ": int8 keeps top-1 on " + r.agreement());
                assertTrue(r.top1() >= 0.85, "l=" + r.layer() + ": trained network top-1 " + r.top1());
                // the committed table was produced by the same evaluation (threads may flip a borderline image)
                assertEquals(committed.top1(r.layer(), WireDtype.INT8).orElseThrow(), r.top1(), 0.002,
                        "committed accuracy at l=" + r.layer());
            }
        }
    }

    @Test
    void theCommittedTableCoversEverySplitPointAndDtype() {
        AccuracyTable table = AccuracyTable.forModel("fmnist-cnn").orElseThrow();
        int last = ModelCatalog.shared().definition("fmnist-cnn").descriptor().lastLayer();
        for (int l = 0; l <= last; l++) {
            for (WireDtype d : WireDtype.values()) {
                double top1 = table.top1(l, d).orElseThrow();
                assertTrue(top1 > 0.85 && top1 <= 1.0, "l=" + l + " " + d + ": " + top1);
            }
        }
        assertEquals(table.rows(), AccuracyTable.parse(table.toCsv()).rows());
        assertTrue(AccuracyTable.forModel("vgg16").isEmpty());
    }
}
