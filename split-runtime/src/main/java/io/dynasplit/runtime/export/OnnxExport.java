package io.dynasplit.runtime.export;

import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.proto.Onnx.OperatorSetIdProto;
import io.dynasplit.onnx.proto.Onnx.StringStringEntryProto;
import io.dynasplit.runtime.SplitModel;
import io.dynasplit.runtime.input.Preprocessing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes a built-in network with its loaded weights as an ONNX model, so that the project's own trained network can
 * go through the bring-your-own-model path (import, split points, ONNX Runtime) and be checked against the built-in
 * DJL path. IR 8, opset 17 (what ONNX Runtime 1.x and {@code torch.onnx.export} both handle), one fp32 input
 * {@value #INPUT} of shape (batch, sample...) with a symbolic batch, one output {@value #OUTPUT}.
 *
 * <p>Preprocessing stays outside the graph, as it does for the built-in model and for a PyTorch export: the input
 * is the tensor the built-in network receives (for fmnist-cnn: pixel / 255, the same as torchvision's
 * {@code ToTensor()}), so the export's split point 0 ships the same values as the built-in's, and a user who feeds
 * either gets the same logits. The model's doc string and the {@code dynasplit.preprocessing} metadata say it.
 *
 * <p>Every built-in split point is a named tensor of the graph: {@value #INPUT} at 0, the unit's name in between
 * (e.g. {@code block1_pool}), {@value #OUTPUT} at L ({@link #tensorAt}).
 */
public final class OnnxExport {
    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final String BATCH = "batch";
    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;

    private OnnxExport() {
    }

    /** The model as ONNX; refuses (IllegalArgumentException) a network with a block it cannot translate exactly. */
    public static ModelProto export(SplitModel model) {
        GraphWriter writer = new GraphWriter(model.name());
        writer.input(INPUT, sampleShape(model, 0));
        BlockTranslator translator = new BlockTranslator(writer);
        for (int l = 1; l <= model.lastLayer(); l++) {
            translator.unit(model.splitPoint(l).name(), model.unitBlocks().get(l - 1), tensorAt(model, l - 1),
                    model.splitPoint(l - 1).shape(), tensorAt(model, l), model.splitPoint(l).shape());
        }
        writer.output(OUTPUT, sampleShape(model, model.lastLayer()));
        ModelProto.Builder onnx = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("dynasplit")
                .setProducerVersion(version()).setDocString(docString(model)).setGraph(writer.build())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        metadata(model).forEach((k, v) -> onnx.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k)
                .setValue(v)));
        return onnx.build();
    }

    /** Writes {@link #export} to {@code file} (parent folders created); returns the bytes written. */
    public static long write(SplitModel model, Path file) throws IOException {
        byte[] bytes = export(model).toByteArray();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, bytes);
        return bytes.length;
    }

    /** The name of the graph tensor that carries built-in split point {@code layer}'s activation. */
    public static String tensorAt(SplitModel model, int layer) {
        if (layer == 0) {
            return INPUT;
        }
        return layer == model.lastLayer() ? OUTPUT : model.splitPoint(layer).name();
    }

    /** What a caller must do to raw data before the graph: the built-in model's preprocessing, in words. */
    public static String preprocessing(Preprocessing p) {
        return switch (p) {
            case GREY_UNIT -> "one grey channel (0.299 R + 0.587 G + 0.114 B, rounded), value / 255 in [0, 1],"
                    + " no mean or std (as torchvision ToTensor())";
            case TF -> "RGB, value / 127.5 - 1 in [-1, 1] (Keras 'tf' mode)";
            case RGB_UNIT -> "RGB, value / 255 in [0, 1], no mean or std";
            case CAFFE -> "BGR, ImageNet channel means 103.939, 116.779, 123.68 subtracted, no scaling"
                    + " (Keras 'caffe' mode)";
        };
    }

    private static Map<String, String> metadata(SplitModel model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dynasplit.model", model.name());
        m.put("dynasplit.weights", model.weightsSource());
        m.put("dynasplit.preprocessing", preprocessing(model.preprocessing()));
        m.put("dynasplit.labels", String.join(",", labels(model)));
        return m;
    }

    private static List<String> labels(SplitModel model) {
        int classes = sampleShape(model, model.lastLayer()).get(0);
        return IntStream.range(0, classes).mapToObj(model::label).toList();
    }

    private static String docString(SplitModel model) {
        return model.name() + " exported by DynaSplit from its built-in DJL network (weights "
                + model.weightsSource() + "). Input '" + INPUT + "' " + sampleShape(model, 0)
                + " per sample, preprocessing outside the graph: "
                + preprocessing(model.preprocessing()) + ". Output '" + OUTPUT + "': logits over "
                + labels(model) + ".";
    }

    private static List<Integer> sampleShape(SplitModel model, int layer) {
        List<Integer> shape = model.splitPoint(layer).shape();
        return shape.subList(1, shape.size());
    }

    private static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
