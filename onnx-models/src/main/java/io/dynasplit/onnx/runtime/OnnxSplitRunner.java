package io.dynasplit.onnx.runtime;

import io.dynasplit.onnx.OnnxRuntimeEnvironment;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dynasplit.onnx.graph.InputSignature;
import io.dynasplit.onnx.graph.OnnxGraph;
import io.dynasplit.onnx.graph.TensorShape;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.onnx.split.SubModels;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an imported model split at any of its split points on ONNX Runtime, one sample at a time: the head from the
 * input to the cut tensor, the tail from the cut tensor to the output, or the whole model. One {@link
 * OrtEnvironment} per JVM (ONNX Runtime's rule); a session per split point and side, built the first time that
 * point is used and kept until {@link #close()}; every tensor and result closed after each call.
 */
public final class OnnxSplitRunner implements AutoCloseable {
    private final OnnxGraph graph;
    private final List<SplitPointRow> points;
    private final InputSignature input;
    private final SubModels subModels;
    private final OrtEnvironment env = OnnxRuntimeEnvironment.get();
    private final OrtSession.SessionOptions options;
    private final Map<String, OrtSession> sessions = new ConcurrentHashMap<>();

    public OnnxSplitRunner(OnnxGraph graph, List<SplitPointRow> points, RunnerSettings settings) {
        this.graph = graph;
        this.points = List.copyOf(points);
        this.input = InputSignature.of(graph.input());
        this.subModels = new SubModels(graph);
        try {
            this.options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setOptimizationLevel(settings.optimisation());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime session options: " + e.getMessage(), e);
        }
    }

    public int lastLayer() {
        return points.size() - 1;
    }

    public SplitPointRow point(int layer) {
        if (layer < 0 || layer > lastLayer()) {
            throw new IllegalArgumentException("layer " + layer + " is not a split point (0.." + lastLayer() + ")");
        }
        return points.get(layer);
    }

    /** The whole model on one sample. */
    public float[] full(float[] sample) {
        return run("full", () -> graph.model(), input.shapeAtBatchOne(), sample);
    }

    /** The head up to split point {@code layer}: the cut tensor (the input itself at layer 0). */
    public float[] head(int layer, float[] sample) {
        SplitPointRow point = point(layer);
        if (layer == 0) {
            return sample.clone();
        }
        if (layer == lastLayer()) {
            return full(sample);
        }
        TensorShape cut = new TensorShape(point.elemType(), point.shape());
        return run("head@" + layer, () -> subModels.head(point.tensor(), cut, input.dynamicBatch()),
                input.shapeAtBatchOne(), sample);
    }

    /** The tail from split point {@code layer}'s tensor to the output (the output itself at the last layer). */
    public float[] tail(int layer, float[] cutTensor) {
        SplitPointRow point = point(layer);
        if (layer == lastLayer()) {
            return cutTensor.clone();
        }
        if (layer == 0) {
            return full(cutTensor);
        }
        TensorShape cut = new TensorShape(point.elemType(), point.shape());
        long[] shape = point.shape().stream().mapToLong(Long::longValue).toArray();
        return run("tail@" + layer, () -> subModels.tail(point.tensor(), cut, input.dynamicBatch()), shape, cutTensor);
    }

    private float[] run(String key, java.util.function.Supplier<ModelProto> model, long[] shape, float[] values) {
        OrtSession session = sessions.computeIfAbsent(key, k -> createSession(SubModels.servable(model.get())));
        String inputName = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] array = new float[buffer.remaining()];
            buffer.get(array);
            return array;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + key + ": " + e.getMessage(), e);
        }
    }

    private OrtSession createSession(ModelProto model) {
        try {
            return env.createSession(model.toByteArray(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused a sub-model: " + e.getMessage(), e);
        }
    }

    /** Closes the sessions of one split point (a node that stops using it frees their memory). */
    public void release(int layer) {
        for (String key : List.of("head@" + layer, "tail@" + layer)) {
            OrtSession session = sessions.remove(key);
            if (session != null) {
                closeQuietly(session);
            }
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // closing is best effort; the native memory goes with the process at worst
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(OnnxSplitRunner::closeQuietly);
        sessions.clear();
        options.close();
    }
}
