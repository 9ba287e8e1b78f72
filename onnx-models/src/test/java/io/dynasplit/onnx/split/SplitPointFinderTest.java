package io.dynasplit.onnx.split;

import io.dynasplit.onnx.TinyGraphs;
import io.dynasplit.onnx.ZooGraphs;
import io.dynasplit.onnx.graph.OnnxGraph;
import io.dynasplit.onnx.importer.ModelAnalysis;
import io.dynasplit.onnx.proto.Onnx.AttributeProto;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitPointFinderTest {

    private static List<String> tensors(OnnxGraph graph) {
        return SplitPointFinder.find(graph).stream().map(Cut::tensor).toList();
    }

    @Test
    void aChainCutsAfterEveryNode() {
        assertEquals(List.of("x", "h1", "a1", "h2", "a2", "y"),
                tensors(OnnxGraph.parse(TinyGraphs.chain().toByteArray())));
    }

    @Test
    void neverInsideAResidualBlock() {
        // a is a cut (only it is live before the block); m and b are not (a is live beside them); s is
        assertEquals(List.of("x", "a", "s", "y"), tensors(OnnxGraph.parse(TinyGraphs.residual().toByteArray())));
    }

    @Test
    void constantSubgraphsAreFoldedNotCut() {
        // the Constant and Reshape that make w2 come first in the file; the cuts are the chain's own
        assertEquals(List.of("x", "h1", "a1", "h2", "a2", "y"),
                tensors(OnnxGraph.parse(TinyGraphs.chainWithConstantSubgraph().toByteArray())));
    }

    @Test
    void aNodeWhoseBodyReadsAnOuterTensorKeepsThatTensorLive() {
        // If(cond) { then: Relu(a1) } else { a1 }, cond from a constant: the body reads a1 from the outer scope,
        // so a1 stays live until the If, and the If's output, not a1, is the next cut after the body's reads
        GraphProto.Builder g = TinyGraphs.chain().getGraph().toBuilder();
        GraphProto thenBody = GraphProto.newBuilder().setName("then")
                .addNode(TinyGraphs.node("Relu", "t", "a1")).addOutput(TinyGraphs.valueInfo("t", 1, 8)).build();
        GraphProto elseBody = GraphProto.newBuilder().setName("else")
                .addNode(TinyGraphs.node("Identity", "e", "a1")).addOutput(TinyGraphs.valueInfo("e", 1, 8)).build();
        var ifNode = TinyGraphs.node("If", "branch", "cond").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(5).setG(thenBody))
                .addAttribute(AttributeProto.newBuilder().setName("else_branch").setType(5).setG(elseBody)).build();
        var condition = io.dynasplit.onnx.proto.Onnx.TensorProto.newBuilder().setName("cond").setDataType(9)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[] {1})).build();
        // x -> h1 -> a1 -> If -> branch -> MatMul(w2) -> h2 ...; the original MatMul reads branch instead of a1
        List<io.dynasplit.onnx.proto.Onnx.NodeProto> nodes = g.getNodeList();
        g.clearNode().addNode(nodes.get(0)).addNode(nodes.get(1)).addNode(ifNode)
                .addNode(TinyGraphs.node("MatMul", "h2", "branch", "w2")).addNode(nodes.get(3)).addNode(nodes.get(4))
                .addInitializer(condition);
        List<String> cuts = tensors(OnnxGraph.parse(TinyGraphs.model(g, 17).toByteArray()));
        assertEquals(List.of("x", "h1", "a1", "branch", "h2", "a2", "y"), cuts);
    }

    @Test
    void resnet50HasACutAfterEveryBottleneckAndNoneInside() {
        ModelAnalysis analysis = ModelAnalysis.of(ZooGraphs.read("resnet50"));
        // every interior cut of a residual network is a block output or a stem/head tensor: its MAC count rises
        // strictly, and 16 bottlenecks give 16 cuts whose tensor feeds an Add's successor (the block's Relu)
        long previous = -1;
        for (SplitPointRow row : analysis.splitPoints()) {
            assertTrue(row.headMacs() >= previous, "head MACs fall at layer " + row.layer());
            previous = row.headMacs();
        }
        long total = analysis.splitPoints().get(0).tailMacs();
        // onnx-tool counts about 4.09 G MACs for ResNet50
        assertEquals(4.09e9, total, 0.03 * 4.09e9, "resnet50 MACs " + total);
        SplitPointRow last = analysis.splitPoints().get(analysis.lastLayer());
        assertEquals(total, last.headMacs());
        assertEquals(0, last.tailMacs());
        // about 25.5 M fp32 parameters: the weights on the tail side at layer 0
        assertEquals(25.5e6 * 4, analysis.splitPoints().get(0).tailParamBytes(), 0.03 * 25.5e6 * 4);
    }

    @Test
    void vgg19AndDensenet121CountTheirKnownMacs() {
        assertEquals(19.6e9, ModelAnalysis.of(ZooGraphs.read("vgg19")).splitPoints().get(0).tailMacs(), 0.03 * 19.6e9);
        assertEquals(2.83e9, ModelAnalysis.of(ZooGraphs.read("densenet121")).splitPoints().get(0).tailMacs(),
                0.03 * 2.83e9);
    }
}
