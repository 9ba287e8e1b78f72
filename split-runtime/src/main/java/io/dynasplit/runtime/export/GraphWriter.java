package io.dynasplit.runtime.export;

import ai.djl.ndarray.NDArray;
import com.google.protobuf.ByteString;
import io.dynasplit.onnx.proto.Onnx.AttributeProto;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import io.dynasplit.onnx.proto.Onnx.NodeProto;
import io.dynasplit.onnx.proto.Onnx.TensorProto;
import io.dynasplit.onnx.proto.Onnx.TensorShapeProto;
import io.dynasplit.onnx.proto.Onnx.TypeProto;
import io.dynasplit.onnx.proto.Onnx.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulates the nodes and initializers of one ONNX graph. Weights go in as {@code raw_data}, little-endian fp32,
 * which is what the ONNX spec prescribes for raw data and what every reader (ONNX Runtime, onnx.numpy_helper)
 * expects; names are checked for uniqueness because ONNX requires single static assignment.
 */
final class GraphWriter {
    /** ONNX {@code TensorProto.DataType.FLOAT}. */
    static final int FLOAT = 1;
    /** ONNX {@code AttributeProto.AttributeType} numbers of the attribute kinds used here. */
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<String> tensors = new HashSet<>();

    GraphWriter(String name) {
        graph.setName(name);
    }

    /** A prefix for one operator's names not handed out before: {@code base}, else {@code base_2}, ... */
    String fresh(String base) {
        String name = base;
        for (int i = 2; !prefixes.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Adds {@code array} as an fp32 initializer called {@code name}; returns the name. */
    String weight(String name, NDArray array) {
        float[] values = array.toFloatArray();
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(claim(name)).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long d : array.getShape().getShape()) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** Adds a node of the default ONNX domain with one output. */
    void node(String name, String opType, List<String> inputs, String output, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setName(name).setOpType(opType).addAllInput(inputs)
                .addOutput(claim(output)).addAllAttribute(List.of(attributes)));
    }

    /** Declares the graph input: fp32, symbolic batch first. */
    void input(String name, List<Integer> sampleShape) {
        graph.addInput(value(claim(name), sampleShape));
    }

    void output(String name, List<Integer> sampleShape) {
        graph.addOutput(value(name, sampleShape));
    }

    GraphProto build() {
        return graph.build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(ATTR_INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(ATTR_INT).setI(value).build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(ATTR_FLOAT).setF(value).build();
    }

    private String claim(String tensor) {
        if (!tensors.add(tensor)) {
            throw new IllegalStateException("tensor name '" + tensor + "' is assigned twice in the ONNX graph");
        }
        return tensor;
    }

    private static ValueInfoProto value(String name, List<Integer> sampleShape) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(OnnxExport.BATCH));
        sampleShape.forEach(d -> shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d)));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))).build();
    }
}
