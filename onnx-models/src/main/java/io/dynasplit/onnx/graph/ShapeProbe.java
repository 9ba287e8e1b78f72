package io.dynasplit.onnx.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.onnx.OnnxRuntimeEnvironment;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.proto.Onnx.NodeProto;
import io.dynasplit.onnx.proto.Onnx.ValueInfoProto;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The shape of every tensor of the main graph, read by running the model once on ONNX Runtime at batch size 1 with
 * every node output made a graph output. Exported graphs often carry no {@code value_info} (the model-zoo graphs
 * carry none), and ONNX Runtime runs every operator it supports, so this is the one shape inference that is right
 * for every model ONNX Runtime can serve. A model ONNX Runtime refuses is refused here, with its reason.
 */
public final class ShapeProbe {
    private ShapeProbe() {
    }

    public static Map<String, TensorShape> run(OnnxGraph graph, long[] inputShape) {
        GraphProto.Builder probed = graph.model().getGraph().toBuilder();
        Set<String> outputs = new HashSet<>();
        outputs.add(graph.output().getName());
        for (NodeProto node : graph.model().getGraph().getNodeList()) {
            for (String out : node.getOutputList()) {
                if (!out.isEmpty() && outputs.add(out)) {
                    probed.addOutput(ValueInfoProto.newBuilder().setName(out));
                }
            }
        }
        ModelProto model = graph.model().toBuilder().setGraph(probed).build();
        OrtEnvironment env = OnnxRuntimeEnvironment.get();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            // the probe runs once, at import: all cores (ONNX Runtime's default is the physical ones)
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            try (OrtSession session = createSession(env, model, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, randomInput(inputShape), inputShape);
                 OrtSession.Result result = session.run(Map.of(graph.input().getName(), input))) {
                Map<String, TensorShape> shapes = new HashMap<>();
                shapes.put(graph.input().getName(), TensorShape.of(TensorShape.FLOAT, inputShape));
                graph.initializers().values().forEach(t -> shapes.put(t.getName(),
                        TensorShape.of(t.getDataType(), t.getDimsList().stream().mapToLong(Long::longValue).toArray())));
                for (Map.Entry<String, OnnxValue> output : result) {
                    if (output.getValue() instanceof OnnxTensor tensor) {
                        TensorInfo info = tensor.getInfo();
                        shapes.put(output.getKey(), TensorShape.of(onnxElemType(info.onnxType), info.getShape()));
                    }
                }
                return shapes;
            }
        } catch (OrtException e) {
            throw new ModelImportException("ONNX Runtime could not run the model on a test input: " + e.getMessage(), e);
        }
    }

    /** Creates a session, turning ONNX Runtime's refusal (unknown operator, unsupported opset) into the reason. */
    static OrtSession createSession(OrtEnvironment env, ModelProto model, OrtSession.SessionOptions options) {
        try {
            return env.createSession(model.toByteArray(), options);
        } catch (OrtException e) {
            throw new ModelImportException("ONNX Runtime refuses the model: " + e.getMessage(), e);
        }
    }

    /** ONNX Runtime's Java enum of element types, as the ONNX format numbers them ({@code TensorProto.DataType}). */
    static int onnxElemType(TensorInfo.OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> 1;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> 2;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> 3;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> 4;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> 5;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> 6;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> 7;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> 8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> 9;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> 10;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> 11;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> 12;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> 13;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> 16;
            default -> 0;
        };
    }

    private static FloatBuffer randomInput(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        Random random = new Random(1);
        FloatBuffer buffer = FloatBuffer.allocate(Math.toIntExact(n));
        for (int i = 0; i < n; i++) {
            buffer.put(random.nextFloat());
        }
        return buffer.flip();
    }
}
