package io.dynasplit.onnx.graph;

import io.dynasplit.onnx.TinyGraphs;
import io.dynasplit.onnx.ZooGraphs;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import io.dynasplit.onnx.split.SplitPointFinder;
import io.dynasplit.onnx.split.SplitTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static io.dynasplit.onnx.TinyGraphs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes inferred at load time are taken only where they agree with a run; otherwise the model is run. */
class ShapeProbeTest {

    @ParameterizedTest
    @MethodSource("io.dynasplit.onnx.ZooGraphs#names")
    void theZooGraphsNeedNoRunAndTheirInferredShapesGiveTheSameSplitTable(String name) {
        OnnxGraph graph = OnnxGraph.parse(ZooGraphs.read(name));
        long[] input = InputSignature.of(graph.input()).shapeAtBatchOne();
        Map<String, TensorShape> inferred = ShapeProbe.inferred(graph, input)
                .orElseThrow(() -> new AssertionError(name + ": shape inference left a tensor open"));
        Map<String, TensorShape> measured = ShapeProbe.measured(graph, input);
        inferred.forEach((tensor, shape) -> assertEquals(measured.get(tensor), shape, name + " '" + tensor + "'"));
        var cuts = SplitPointFinder.find(graph);
        assertEquals(SplitTable.build(graph, cuts, measured), SplitTable.build(graph, cuts, inferred), name);
    }

    @Test
    void aReshapeToAComputedShapeIsNotInferredSoTheModelRuns() {
        // x[1,4] -> MatMul -> h1[1,8] -> Reshape(h1, Shape(h1)) -> r -> MatMul -> y[1,3]: r's dimensions come
        // from a tensor computed at run time, which load-time inference does not evaluate
        GraphProto.Builder g = TinyGraphs.graph("x", 1, 4);
        g.addInitializer(TinyGraphs.weight("w1", 4, 8, 1)).addInitializer(TinyGraphs.weight("w3", 8, 3, 3));
        g.addNode(node("MatMul", "h1", "x", "w1")).addNode(node("Relu", "a1", "h1"))
                .addNode(node("Shape", "s", "a1")).addNode(node("Reshape", "r", "a1", "s"))
                .addNode(node("MatMul", "y", "r", "w3"));
        g.addOutput(TinyGraphs.valueInfo("y", 1, 3));
        OnnxGraph graph = OnnxGraph.parse(TinyGraphs.model(g, 17).toByteArray());
        long[] input = {1, 4};

        assertTrue(ShapeProbe.inferred(graph, input).isEmpty(), "inference should leave r open");
        Map<String, TensorShape> shapes = ShapeProbe.run(graph, input);
        assertEquals(List.of(1L, 8L), shapes.get("r").dims());
        assertEquals(List.of(2L), shapes.get("s").dims());
        assertEquals(List.of(1L, 3L), shapes.get("y").dims());
    }

    @Test
    void aStaleValueInfoInTheFileIsNotTrusted() {
        // an exporter's value_info left over from before a graph edit: a1 is [1,8], the file says [1,5]
        GraphProto.Builder g = TinyGraphs.chain().getGraph().toBuilder().addValueInfo(TinyGraphs.valueInfo("a1", 1, 5));
        OnnxGraph graph = OnnxGraph.parse(TinyGraphs.model(g, 17).toByteArray());

        assertEquals(List.of(1L, 8L), ShapeProbe.run(graph, new long[] {1, 4}).get("a1").dims());
    }

    @Test
    void aDynamicBatchIsInferredAtBatchOne() {
        GraphProto.Builder g = TinyGraphs.chain().getGraph().toBuilder();
        g.setInput(0, TinyGraphs.valueInfo("x", -1, 4)).setOutput(0, TinyGraphs.valueInfo("y", -1, 3));
        OnnxGraph graph = OnnxGraph.parse(TinyGraphs.model(g, 17).toByteArray());

        Map<String, TensorShape> shapes = ShapeProbe.inferred(graph, new long[] {1, 4}).orElseThrow();
        assertEquals(List.of(1L, 8L), shapes.get("a2").dims());
        assertEquals(List.of(1L, 3L), shapes.get("y").dims());
    }
}
