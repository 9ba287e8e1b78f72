package io.dynasplit.onnx.store;

import io.dynasplit.onnx.split.SplitPointRow;

import java.nio.file.Path;
import java.util.List;

/** One imported model in the models directory: its folder, descriptor and split point table. */
public record ModelPackage(Path dir, ImportedModel model, List<SplitPointRow> splitPoints) {
    public static final String ONNX_FILE = "model.onnx";
    public static final String DESCRIPTOR_FILE = "model.json";
    public static final String SPLIT_POINTS_FILE = "split-points.json";

    public ModelPackage {
        splitPoints = List.copyOf(splitPoints);
    }

    public Path onnxFile() {
        return dir.resolve(ONNX_FILE);
    }

    public String name() {
        return model.name();
    }
}
