package io.dynasplit.onnx.importer;

import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.onnx.graph.InputSignature;
import io.dynasplit.onnx.graph.OnnxGraph;
import io.dynasplit.onnx.graph.ShapeProbe;
import io.dynasplit.onnx.graph.TensorShape;
import io.dynasplit.onnx.split.Cut;
import io.dynasplit.onnx.split.SplitPointFinder;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.onnx.split.SplitTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the importer learns from an ONNX file before it writes anything: the checked graph, its input, every split
 * point with its tensor and costs, and the warnings a person should see. Interior cuts whose tensor is not fp32
 * (an index tensor, a shape) are left out: activations travel as fp32 or int8 on the wire.
 */
public record ModelAnalysis(OnnxGraph graph, InputSignature input, List<SplitPointRow> splitPoints,
                            int classes, List<String> warnings) {

    public static ModelAnalysis of(byte[] onnx) {
        OnnxGraph graph = OnnxGraph.parse(onnx);
        InputSignature input = InputSignature.of(graph.input());
        Map<String, TensorShape> shapes = ShapeProbe.run(graph, input.shapeAtBatchOne());
        TensorShape output = shapes.get(graph.output().getName());
        if (output == null || output.elemType() != TensorShape.FLOAT) {
            throw new ModelImportException("the graph output '" + graph.output().getName()
                    + "' is not an fp32 tensor; DynaSplit returns fp32 scores (logits or probabilities)");
        }
        List<Cut> found = SplitPointFinder.find(graph);
        List<Cut> cuts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Cut cut : found) {
            boolean interior = cut.layer() > 0 && cut.layer() < found.size() - 1;
            TensorShape shape = shapes.get(cut.tensor());
            if (interior && (shape == null || shape.elemType() != TensorShape.FLOAT)) {
                warnings.add("cut at '" + cut.tensor() + "' skipped: not an fp32 tensor");
                continue;
            }
            cuts.add(new Cut(cuts.size(), cut.tensor(), cut.nodesBefore()));
        }
        if (cuts.size() == 2) {
            warnings.add("no interior split point: every boundary of the graph has more than one live tensor"
                    + " (or none is fp32), so only layer 0 (cloud-only) and layer 1 (edge-only) exist");
        }
        List<SplitPointRow> rows = SplitTable.build(graph, cuts, shapes);
        int classes = Math.toIntExact(output.elements());
        return new ModelAnalysis(graph, input, rows, classes, List.copyOf(warnings));
    }

    public int lastLayer() {
        return splitPoints.size() - 1;
    }
}
