package io.dynasplit.runtime;

import io.dynasplit.contracts.ClassScore;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.onnx.graph.OnnxGraph;
import io.dynasplit.onnx.runtime.OnnxSplitRunner;
import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.runtime.input.InputDecoder;
import io.dynasplit.runtime.input.Preprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An imported ONNX model served split, on ONNX Runtime: the same calls and tensors as a built-in network. Image
 * inputs are decoded for networks whose input is (1 or 3 channels, H, W), scaled to [0, 1] (the documented default
 * for imported models); any network takes raw fp32, a tensor frame, or the synthetic input of a seed.
 */
public final class ImportedNetwork implements SplitNetwork, AutoCloseable {
    private final ModelPackage modelPackage;
    private final OnnxSplitRunner runner;
    private final List<SplitPoint> splitPoints;
    private final InputDecoder images;

    public ImportedNetwork(ModelPackage modelPackage, RunnerSettings settings) {
        this.modelPackage = modelPackage;
        try {
            OnnxGraph graph = OnnxGraph.parse(Files.readAllBytes(modelPackage.onnxFile()));
            this.runner = new OnnxSplitRunner(graph, modelPackage.splitPoints(), settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelPackage.onnxFile(), e);
        }
        this.splitPoints = modelPackage.splitPoints().stream().map(ImportedNetwork::splitPoint).toList();
        this.images = imageDecoder(descriptor().inputShape());
    }

    private static SplitPoint splitPoint(SplitPointRow row) {
        return new SplitPoint(row.layer(), row.tensor(), row.shape().stream().map(Math::toIntExact).toList());
    }

    private static InputDecoder imageDecoder(List<Integer> sample) {
        if (sample.size() != 3) {
            return null;
        }
        Preprocessing p = switch (sample.get(0)) {
            case 1 -> Preprocessing.GREY_UNIT;
            case 3 -> Preprocessing.RGB_UNIT;
            default -> null;
        };
        return p == null ? null : new InputDecoder(p, new int[] {sample.get(0), sample.get(1), sample.get(2)});
    }

    /** The SHA-256 of the ONNX bytes: a re-import under the same name is a different network. */
    public String sha256() {
        return modelPackage.model().sha256();
    }

    @Override
    public String name() {
        return modelPackage.name();
    }

    @Override
    public ModelDescriptor descriptor() {
        return modelPackage.model().descriptor();
    }

    @Override
    public int lastLayer() {
        return descriptor().lastLayer();
    }

    @Override
    public SplitPoint splitPoint(int layer) {
        if (layer < 0 || layer > lastLayer()) {
            throw new IllegalArgumentException("layer " + layer + " is not a split point of " + name()
                    + " (0.." + lastLayer() + ")");
        }
        return splitPoints.get(layer);
    }

    @Override
    public Activation head(int layer, Activation input) {
        return new Activation(runner.head(layer, input.values()), shapeAt(layer));
    }

    @Override
    public Activation tail(int layer, Activation activation) {
        float[] logits = runner.tail(layer, activation.values());
        return new Activation(logits, shapeAt(lastLayer()));
    }

    /** On ONNX Runtime's CUDA provider where its GPU build is loaded and has not refused the GPU. */
    @Override
    public boolean runsOn(ComputeDevice device) {
        return device == ComputeDevice.CPU || runner.gpuTails();
    }

    @Override
    public Activation tail(int layer, Activation activation, ComputeDevice device) {
        if (device == ComputeDevice.CPU) {
            return tail(layer, activation);
        }
        return new Activation(runner.tailOnGpu(layer, activation.values()), shapeAt(lastLayer()));
    }

    private int[] shapeAt(int layer) {
        return splitPoint(layer).shape().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Activation inputFor(String mediaType, byte[] bytes, long seed) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(java.util.Locale.ROOT).split(";")[0].trim();
        if (images != null && (bytes == null || bytes.length == 0 || type.startsWith("image/"))) {
            return images.decode(mediaType, bytes, seed);
        }
        int[] shape = shapeAt(0);
        if (bytes == null || bytes.length == 0) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] values = new float[Math.toIntExact(Activation.elementCount(shape))];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble(-1, 1);
            }
            return new Activation(values, shape);
        }
        if (type.equals(SplitTensorCodec.MEDIA_TYPE)) {
            return sized(Activation.fromSplitTensor(SplitTensorCodec.decode(bytes)).values(), shape);
        }
        if (type.equals(InputDecoder.RAW_FP32)) {
            if (bytes.length % 4 != 0) {
                throw new IllegalArgumentException("raw fp32 input of " + bytes.length + " bytes");
            }
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return sized(values, shape);
        }
        throw new IllegalArgumentException("model " + name() + " takes raw fp32 ('" + InputDecoder.RAW_FP32
                + "') or tensor frames" + (images == null ? "" : " or images") + ", not '" + mediaType + "'");
    }

    private static Activation sized(float[] values, int[] shape) {
        if (values.length != Activation.elementCount(shape)) {
            throw new IllegalArgumentException("input of " + values.length + " values does not match shape "
                    + java.util.Arrays.toString(shape));
        }
        return new Activation(values, shape);
    }

    @Override
    public List<ClassScore> topK(Activation logits, int k) {
        return ClassScores.topK(logits, k, i -> "class-" + i);
    }

    @Override
    public void close() {
        runner.close();
    }
}
