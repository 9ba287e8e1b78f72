package io.dynasplit.runtime.export;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.onnx.importer.ModelAnalysis;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.runtime.OnnxSplitRunner;
import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import io.dynasplit.runtime.WeightsLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported fmnist-cnn computes what the built-in one computes, and its split points cover the built-in ones. */
class OnnxExportTest {
    private static ModelCatalog catalog;
    private static SplitModel model;
    private static ModelAnalysis analysis;

    @BeforeAll
    static void export() {
        catalog = new ModelCatalog(WeightsLocator.none());
        model = catalog.get("fmnist-cnn");
        analysis = ModelAnalysis.of(OnnxExport.export(model).toByteArray());
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    @Test
    void theFileIsIr8Opset17WithADynamicBatchAndTheTrainedWeights() {
        ModelProto onnx = analysis.graph().model();
        assertEquals(8, onnx.getIrVersion());
        assertEquals(17, analysis.graph().defaultOpset());
        assertEquals("input", analysis.input().name());
        assertEquals(List.of(1L, 28L, 28L), analysis.input().sampleShape());
        assertTrue(analysis.input().dynamicBatch());
        assertEquals("logits", analysis.graph().output().getName());
        assertEquals(10, analysis.classes());
        assertTrue(onnx.getGraph().getInitializerList().stream().allMatch(t -> t.getDataType() == 1
                && t.hasRawData() && t.getFloatDataCount() == 0), "fp32 raw_data initializers");
        Map<String, String> meta = onnx.getMetadataPropsList().stream()
                .collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue()));
        assertTrue(meta.get("dynasplit.weights").startsWith("classpath:"), meta.toString());
        assertTrue(meta.get("dynasplit.preprocessing").contains("/ 255"), meta.toString());
    }

    @Test
    void onnxRuntimeGivesTheBuiltInLogits() {
        try (OnnxSplitRunner runner = runner()) {
            Random random = new Random(7);
            for (int i = 0; i < 4; i++) {
                float[] x = image(random);
                float[] expected = model.forward(Activation.of(x, 1, 1, 28, 28)).values();
                assertClose(expected, runner.full(x), "sample " + i);
            }
        }
    }

    @Test
    void everyBuiltInSplitPointIsAnImportedSplitPointThatShipsTheSameTensor() {
        List<SplitCorrespondence> points = SplitCorrespondence.of(model, analysis.splitPoints());
        assertEquals(model.lastLayer() + 1, points.size());
        // the import also cuts inside units (after a convolution, after its batch norm, after a Gemm): 21 points
        assertEquals(List.of(0, 3, 6, 7, 10, 13, 14, 15, 17, 19, 20),
                points.stream().map(SplitCorrespondence::importedLayer).toList());
        float[] x = image(new Random(3));
        try (OnnxSplitRunner runner = runner()) {
            for (SplitCorrespondence p : points) {
                SplitPointRow row = analysis.splitPoints().get(p.importedLayer());
                assertEquals(model.splitPoint(p.builtInLayer()).shape().stream().map(Integer::longValue).toList(),
                        row.shape());
                assertClose(model.head(p.builtInLayer(), Activation.of(x, 1, 1, 28, 28)).values(),
                        runner.head(p.importedLayer(), x), "head at built-in l=" + p.builtInLayer());
            }
        }
    }

    @Test
    void aBlockWithoutAnExactTranslationIsRefused() {
        Block anonymous = new SequentialBlock().add(list -> list);
        GraphWriter writer = new GraphWriter("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BlockTranslator(writer)
                .unit("odd", anonymous, "input", List.of(1, 4), "out", List.of(1, 4)));
        assertTrue(e.getMessage().contains("odd") && e.getMessage().contains(LambdaBlock.DEFAULT_NAME),
                e.getMessage());
    }

    /** A random 28x28 grey image in the network's input form: pixel / 255. */
    private static float[] image(Random random) {
        float[] x = new float[28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(256) / 255f;
        }
        return x;
    }

    private static OnnxSplitRunner runner() {
        return new OnnxSplitRunner(analysis.graph(), analysis.splitPoints(), new RunnerSettings(1, OptLevel.ALL_OPT));
    }

    /** Max abs difference within 1e-4 of the expected tensor's largest magnitude. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        float magnitude = 0;
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            magnitude = Math.max(magnitude, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= 1e-4f * magnitude, what + ": max abs diff " + worst + " > 1e-4 x " + magnitude);
    }
}
