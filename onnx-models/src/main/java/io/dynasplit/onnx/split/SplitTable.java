package io.dynasplit.onnx.split;

import io.dynasplit.onnx.cost.OperatorCost;
import io.dynasplit.onnx.graph.ConstantTensors;
import io.dynasplit.onnx.graph.OnnxGraph;
import io.dynasplit.onnx.graph.TensorShape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The split point table of a model: every cut with its tensor and the cumulative cost on each side of it. */
public final class SplitTable {
    private SplitTable() {
    }

    public static List<SplitPointRow> build(OnnxGraph graph, List<Cut> cuts, Map<String, TensorShape> shapes) {
        ConstantTensors constants = new ConstantTensors(graph);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            if (!constants.isConstantNode(i)) {
                order.add(i);
            }
        }
        int n = order.size();
        long[] macsPrefix = new long[n + 1];
        // each weight's bytes count on the head side at its first reader and on the tail side at its last reader
        long[] paramsFirstRead = new long[n + 1];
        long[] paramsLastRead = new long[n + 1];
        Map<String, Integer> firstRead = new HashMap<>();
        Map<String, Integer> lastRead = new HashMap<>();
        for (int pos = 0; pos < n; pos++) {
            int node = order.get(pos);
            macsPrefix[pos + 1] = macsPrefix[pos] + OperatorCost.macs(graph.nodes().get(node), shapes);
            for (String in : graph.inputsOf(node)) {
                if (constants.isConstant(in)) {
                    firstRead.putIfAbsent(in, pos);
                    lastRead.put(in, pos);
                }
            }
        }
        firstRead.forEach((t, pos) -> paramsFirstRead[pos + 1] += bytes(shapes, t));
        lastRead.forEach((t, pos) -> paramsLastRead[pos + 1] += bytes(shapes, t));
        for (int pos = 0; pos < n; pos++) {
            paramsFirstRead[pos + 1] += paramsFirstRead[pos];
            paramsLastRead[pos + 1] += paramsLastRead[pos];
        }
        List<SplitPointRow> rows = new ArrayList<>();
        for (Cut cut : cuts) {
            TensorShape shape = shapes.get(cut.tensor());
            if (shape == null) {
                throw new IllegalStateException("no shape was measured for the cut tensor '" + cut.tensor() + "'");
            }
            int b = cut.nodesBefore();
            rows.add(new SplitPointRow(cut.layer(), cut.tensor(), shape.dims(), shape.elemType(),
                    shape.elements() * 4, shape.elements(),
                    macsPrefix[b], macsPrefix[n] - macsPrefix[b],
                    paramsFirstRead[b], paramsLastRead[n] - paramsLastRead[b]));
        }
        return List.copyOf(rows);
    }

    private static long bytes(Map<String, TensorShape> shapes, String tensor) {
        TensorShape shape = shapes.get(tensor);
        return shape == null ? 0 : shape.bytes();
    }
}
