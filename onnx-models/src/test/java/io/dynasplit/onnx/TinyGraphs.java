package io.dynasplit.onnx;

import com.google.protobuf.ByteString;
import io.dynasplit.onnx.proto.Onnx.AttributeProto;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.proto.Onnx.NodeProto;
import io.dynasplit.onnx.proto.Onnx.OperatorSetIdProto;
import io.dynasplit.onnx.proto.Onnx.TensorProto;
import io.dynasplit.onnx.proto.Onnx.TensorShapeProto;
import io.dynasplit.onnx.proto.Onnx.TypeProto;
import io.dynasplit.onnx.proto.Onnx.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Small ONNX graphs written in the tests, each shaped to exercise one rule of the importer. */
public final class TinyGraphs {
    private TinyGraphs() {
    }

    /** x[1,4] -> MatMul W1 -> Relu -> MatMul W2 -> Relu -> MatMul W3 -> y[1,3]: cuts after every node. */
    public static ModelProto chain() {
        GraphProto.Builder g = graph("x", 1, 4);
        g.addInitializer(weight("w1", 4, 8, 1)).addInitializer(weight("w2", 8, 8, 2))
                .addInitializer(weight("w3", 8, 3, 3));
        g.addNode(node("MatMul", "h1", "x", "w1")).addNode(node("Relu", "a1", "h1"))
                .addNode(node("MatMul", "h2", "a1", "w2")).addNode(node("Relu", "a2", "h2"))
                .addNode(node("MatMul", "y", "a2", "w3"));
        g.addOutput(valueInfo("y", 1, 3));
        return model(g, 17);
    }

    /**
     * A residual block: x -> MatMul -> a; b = Relu(MatMul(a)); s = Add(a, b); y = MatMul(s). Inside the block
     * (after b's MatMul, before the Add) both a and the branch are live, so no cut there.
     */
    public static ModelProto residual() {
        GraphProto.Builder g = graph("x", 1, 4);
        g.addInitializer(weight("w1", 4, 8, 1)).addInitializer(weight("w2", 8, 8, 2))
                .addInitializer(weight("w3", 8, 3, 3));
        g.addNode(node("MatMul", "a", "x", "w1")).addNode(node("MatMul", "m", "a", "w2"))
                .addNode(node("Relu", "b", "m")).addNode(node("Add", "s", "a", "b"))
                .addNode(node("MatMul", "y", "s", "w3"));
        g.addOutput(valueInfo("y", 1, 3));
        return model(g, 17);
    }

    /** The chain with its second weight computed from constants ({@code Constant} then {@code Reshape}). */
    public static ModelProto chainWithConstantSubgraph() {
        GraphProto.Builder g = chain().getGraph().toBuilder();
        int w2 = indexOfInitializer(g, "w2");
        TensorProto flat = weight("w2flat", 64, 1, 2);
        g.removeInitializer(w2);
        TensorProto shape = TensorProto.newBuilder().setName("shape").setDataType(7).addDims(2)
                .addInt64Data(8).addInt64Data(8).build();
        NodeProto constant = NodeProto.newBuilder().setOpType("Constant").addOutput("w2flat")
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(4).setT(flat)).build();
        NodeProto reshape = node("Reshape", "w2", "w2flat", "shape");
        g.addInitializer(shape);
        GraphProto.Builder reordered = g.clone().clearNode().addNode(constant).addNode(reshape)
                .addAllNode(g.getNodeList());
        return model(reordered, 17);
    }

    public static ModelProto model(GraphProto.Builder graph, long opset) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("dynasplit-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(graph).build();
    }

    public static GraphProto.Builder graph(String input, long... dims) {
        return GraphProto.newBuilder().setName("tiny").addInput(valueInfo(input, dims));
    }

    public static NodeProto node(String op, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + "_" + output).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.build();
    }

    public static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("d" + (-d))
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    public static TensorProto weight(String name, int rows, int cols, long seed) {
        Random random = new Random(seed);
        ByteBuffer raw = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            raw.putFloat((float) random.nextGaussian());
        }
        return TensorProto.newBuilder().setName(name).setDataType(1).addDims(rows).addDims(cols)
                .setRawData(ByteString.copyFrom(raw.array())).build();
    }

    private static int indexOfInitializer(GraphProto.Builder g, String name) {
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
