package io.dynasplit.onnx.store;

import io.dynasplit.onnx.accuracy.AgreementRow;
import io.dynasplit.onnx.split.SplitPointRow;

import java.nio.file.Path;
import java.util.List;

/**
 * One imported model in the models directory: its folder, descriptor, split point table and, when it was imported
 * with a sample set, its accuracy check (empty otherwise).
 */
public record ModelPackage(Path dir, ImportedModel model, List<SplitPointRow> splitPoints, List<AgreementRow> accuracy) {
    public static final String ONNX_FILE = "model.onnx";
    public static final String DESCRIPTOR_FILE = "model.json";
    public static final String SPLIT_POINTS_FILE = "split-points.json";
    public static final String ACCURACY_FILE = "accuracy.json";

    public ModelPackage {
        splitPoints = List.copyOf(splitPoints);
        accuracy = List.copyOf(accuracy);
    }

    public Path onnxFile() {
        return dir.resolve(ONNX_FILE);
    }

    public String name() {
        return model.name();
    }
}
