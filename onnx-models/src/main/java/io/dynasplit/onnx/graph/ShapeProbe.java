package io.dynasplit.onnx.graph;

import ai.onnxruntime.NodeInfo;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The shape of every tensor of the main graph at batch size 1. The graph is loaded into ONNX Runtime with the batch
 * pinned to 1 and every node output made a graph output: loading runs ONNX's shape inference, which fixes the shape
 * of every tensor in most exported graphs (the nine model-zoo graphs: all of them) in milliseconds. Where it leaves a
 * tensor the importer reads open (a dimension it could not infer, an unknown rank), the model is run once on a random
 * input and every shape read from the run: exported graphs often carry no {@code value_info}, and a run is right for
 * every operator ONNX Runtime serves. The run costs what a forward pass costs, and more: it keeps every activation and
 * weight alive as an output (0.8-1.4 s for resnet50 here, docs/byo-model.md). A model ONNX Runtime refuses is refused
 * here, with its reason.
 */
public final class ShapeProbe {
    private ShapeProbe() {
    }

    public static Map<String, TensorShape> run(OnnxGraph graph, long[] inputShape) {
        return probe(graph, inputShape, true, true).orElseThrow();
    }

    /** The shapes of one run of the model, never the inferred ones: what {@link #run} falls back to. */
    static Map<String, TensorShape> measured(OnnxGraph graph, long[] inputShape) {
        return probe(graph, inputShape, false, true).orElseThrow();
    }

    /** The inferred shapes, or empty where they leave a tensor the importer reads open (then {@link #run} runs). */
    static Optional<Map<String, TensorShape>> inferred(OnnxGraph graph, long[] inputShape) {
        return probe(graph, inputShape, true, false);
    }

    private static Optional<Map<String, TensorShape>> probe(OnnxGraph graph, long[] inputShape, boolean mayInfer,
                                                            boolean mayRun) {
        OrtEnvironment env = OnnxRuntimeEnvironment.get();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            // a run happens once, at import: all cores (ONNX Runtime's default is the physical ones)
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            try (OrtSession session = createSession(env, probedModel(graph, inputShape), options)) {
                Map<String, TensorShape> shapes = declaredShapes(graph, inputShape);
                if (mayInfer) {
                    Map<String, TensorShape> inferred = inferredShapes(session, graph);
                    if (coversWhatTheImporterReads(graph, inferred)) {
                        inferred.forEach(shapes::putIfAbsent);
                        return Optional.of(shapes);
                    }
                }
                if (!mayRun) {
                    return Optional.empty();
                }
                shapes.putAll(measuredShapes(env, session, graph, inputShape));
                return Optional.of(shapes);
            }
        } catch (OrtException e) {
            throw new ModelImportException("ONNX Runtime could not run the model on a test input: " + e.getMessage(), e);
        }
    }

    /**
     * The model with every node output made a graph output and the input's batch fixed at 1, without the file's
     * {@code value_info}: shapes an exporter wrote may be stale after a graph edit, and are inferred again anyway.
     */
    private static ModelProto probedModel(OnnxGraph graph, long[] inputShape) {
        GraphProto.Builder probed = graph.model().getGraph().toBuilder().clearValueInfo();
        Set<String> outputs = new HashSet<>();
        outputs.add(graph.output().getName());
        for (NodeProto node : graph.model().getGraph().getNodeList()) {
            for (String out : node.getOutputList()) {
                if (!out.isEmpty() && outputs.add(out)) {
                    probed.addOutput(ValueInfoProto.newBuilder().setName(out));
                }
            }
        }
        for (int i = 0; i < probed.getInputCount(); i++) {
            if (probed.getInput(i).getName().equals(graph.input().getName())) {
                ValueInfoProto.Builder input = probed.getInput(i).toBuilder();
                input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).clear()
                        .setDimValue(inputShape[0]);
                probed.setInput(i, input);
            }
        }
        return graph.model().toBuilder().setGraph(probed).build();
    }

    /** The input's and the initializers' shapes, which the graph itself states. */
    private static Map<String, TensorShape> declaredShapes(OnnxGraph graph, long[] inputShape) {
        Map<String, TensorShape> shapes = new HashMap<>();
        shapes.put(graph.input().getName(), TensorShape.of(TensorShape.FLOAT, inputShape));
        graph.initializers().values().forEach(t -> shapes.put(t.getName(),
                TensorShape.of(t.getDataType(), t.getDimsList().stream().mapToLong(Long::longValue).toArray())));
        return shapes;
    }

    /**
     * The outputs' shapes as ONNX Runtime inferred them when it loaded the graph, open ones left out. Its Java API
     * reports an unknown rank as rank 0, so a rank-0 shape is kept only where the graph declares a scalar (a
     * {@code Constant} of rank 0).
     */
    private static Map<String, TensorShape> inferredShapes(OrtSession session, OnnxGraph graph) throws OrtException {
        Set<String> declaredScalars = new HashSet<>();
        for (NodeProto node : graph.nodes()) {
            if (node.getOpType().equals("Constant") && node.getAttributeList().stream()
                    .anyMatch(a -> a.getName().equals("value") && a.getT().getDimsCount() == 0)) {
                declaredScalars.add(node.getOutput(0));
            }
        }
        Map<String, TensorShape> shapes = new HashMap<>();
        for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
            if (output.getValue().getInfo() instanceof TensorInfo info
                    && Arrays.stream(info.getShape()).allMatch(d -> d >= 0)
                    && (info.getShape().length > 0 || declaredScalars.contains(output.getKey()))) {
                shapes.put(output.getKey(), TensorShape.of(onnxElemType(info.onnxType), info.getShape()));
            }
        }
        return shapes;
    }

    /**
     * Whether the inferred shapes fix every tensor the split table reads: every node input, every node's first
     * output (a heavy operator's result) and the graph output.
     */
    private static boolean coversWhatTheImporterReads(OnnxGraph graph, Map<String, TensorShape> inferred) {
        Set<String> read = new HashSet<>();
        read.add(graph.output().getName());
        for (int i = 0; i < graph.nodes().size(); i++) {
            read.addAll(graph.inputsOf(i));
            if (graph.nodes().get(i).getOutputCount() > 0) {
                read.add(graph.nodes().get(i).getOutput(0));
            }
        }
        read.remove("");
        read.remove(graph.input().getName());
        read.removeAll(graph.initializers().keySet());
        return inferred.keySet().containsAll(read);
    }

    private static Map<String, TensorShape> measuredShapes(OrtEnvironment env, OrtSession session, OnnxGraph graph,
                                                           long[] inputShape) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, randomInput(inputShape), inputShape);
             OrtSession.Result result = session.run(Map.of(graph.input().getName(), input))) {
            Map<String, TensorShape> shapes = new HashMap<>();
            for (Map.Entry<String, OnnxValue> output : result) {
                if (output.getValue() instanceof OnnxTensor tensor) {
                    TensorInfo info = tensor.getInfo();
                    shapes.put(output.getKey(), TensorShape.of(onnxElemType(info.onnxType), info.getShape()));
                }
            }
            return shapes;
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
