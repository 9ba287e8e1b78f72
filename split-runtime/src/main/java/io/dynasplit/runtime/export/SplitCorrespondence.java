package io.dynasplit.runtime.export;

import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.runtime.SplitModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A built-in split point and the imported split point that ships the same tensor. The import finds more points
 * than the built-in network has (inside a unit: after a convolution, before its batch norm), so figures of the two
 * paths can be compared only where both cut: at every built-in point, found by the tensor name the exporter gives
 * it ({@link OnnxExport#tensorAt}).
 */
public record SplitCorrespondence(int builtInLayer, String builtInName, int importedLayer, String tensor) {

    /** One per built-in split point, in layer order; fails when the import lacks one (the export would be wrong). */
    public static List<SplitCorrespondence> of(SplitModel model, List<SplitPointRow> imported) {
        List<SplitCorrespondence> out = new ArrayList<>();
        for (int l = 0; l <= model.lastLayer(); l++) {
            String tensor = OnnxExport.tensorAt(model, l);
            SplitPointRow row = imported.stream().filter(r -> r.tensor().equals(tensor)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the imported " + model.name()
                            + " has no split point at tensor '" + tensor + "'"));
            out.add(new SplitCorrespondence(l, model.splitPoint(l).name(), row.layer(), tensor));
        }
        return out;
    }
}
