package io.dynasplit.onnx.importer;

import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.onnx.TinyGraphs;
import io.dynasplit.onnx.proto.Onnx.GraphProto;
import io.dynasplit.onnx.proto.Onnx.ModelProto;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input of an import gets a message that says what is wrong, and leaves the models directory as it was. */
class ModelImporterTest {
    @TempDir
    Path work;
    private ModelStore store;
    private ModelImporter importer;

    @BeforeEach
    void setUp() {
        store = new ModelStore(work.resolve("models"));
        importer = new ModelImporter(store, Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void importsAChainAndReadsItBack() throws IOException {
        ModelPackage imported = importer.importFile(write("chain.onnx", TinyGraphs.chain()), "chain", false);
        assertEquals(5, imported.model().descriptor().lastLayer());
        assertEquals(3, imported.model().descriptor().classes());
        assertEquals(java.util.List.of(4), imported.model().descriptor().inputShape());
        assertTrue(Files.isRegularFile(imported.onnxFile()));
        assertEquals(imported, store.find("chain").orElseThrow());
        assertEquals(1, store.list().size());
        // the first MatMul: 1x8 outputs x 4 inputs
        assertEquals(32, imported.splitPoints().get(1).headMacs());
        assertEquals(32 + 64 + 24, imported.splitPoints().get(0).tailMacs());
    }

    @Test
    void notAnOnnxFile() throws IOException {
        Path text = work.resolve("readme.onnx");
        Files.writeString(text, "this is not a model\n");
        refused(text, "chain", false, "not an ONNX model");
    }

    @Test
    void anOperatorOnnxRuntimeDoesNotKnow() throws IOException {
        ModelProto model = TinyGraphs.chain();
        GraphProto.Builder g = model.getGraph().toBuilder();
        g.setNode(1, g.getNode(1).toBuilder().setOpType("NoSuchOperator"));
        refused(write("unknown-op.onnx", model.toBuilder().setGraph(g).build()), "x", false,
                "ONNX Runtime refuses the model");
    }

    @Test
    void anOpsetOnnxRuntimeDoesNotSupport() throws IOException {
        ModelProto model = TinyGraphs.model(TinyGraphs.chain().getGraph().toBuilder(), 999);
        refused(write("opset.onnx", model), "x", false, "ONNX Runtime refuses the model");
    }

    @Test
    void weightsInAnExternalFile() throws IOException {
        ModelProto model = TinyGraphs.chain();
        GraphProto.Builder g = model.getGraph().toBuilder();
        g.setInitializer(0, g.getInitializer(0).toBuilder().clearRawData().setDataLocation(1)
                .addExternalData(io.dynasplit.onnx.proto.Onnx.StringStringEntryProto.newBuilder()
                        .setKey("location").setValue("weights.bin")));
        refused(write("external.onnx", model.toBuilder().setGraph(g).build()), "x", false, "external file");
    }

    @Test
    void severalInputs() throws IOException {
        ModelProto model = TinyGraphs.chain();
        GraphProto.Builder g = model.getGraph().toBuilder().addInput(TinyGraphs.valueInfo("x2", 1, 4));
        refused(write("two-inputs.onnx", model.toBuilder().setGraph(g).build()), "x", false, "2 inputs [x, x2]");
    }

    @Test
    void severalOutputs() throws IOException {
        ModelProto model = TinyGraphs.chain();
        GraphProto.Builder g = model.getGraph().toBuilder().addOutput(TinyGraphs.valueInfo("a1", 1, 8));
        refused(write("two-outputs.onnx", model.toBuilder().setGraph(g).build()), "x", false, "2 outputs [y, a1]");
    }

    @Test
    void aDynamicDimensionOtherThanTheBatch() throws IOException {
        ModelProto model = TinyGraphs.chain();
        GraphProto.Builder g = model.getGraph().toBuilder().setInput(0, TinyGraphs.valueInfo("x", -1, -2));
        refused(write("dynamic.onnx", model.toBuilder().setGraph(g).build()), "x", false,
                "dynamic dimension at axis 1");
    }

    @Test
    void aDynamicBatchIsFine() throws IOException {
        ModelProto model = TinyGraphs.chain();
        GraphProto.Builder g = model.getGraph().toBuilder().setInput(0, TinyGraphs.valueInfo("x", -1, 4));
        ModelPackage imported = importer.importFile(write("batch.onnx", model.toBuilder().setGraph(g).build()),
                "batch", false);
        assertTrue(imported.model().dynamicBatch());
        assertEquals(5, imported.model().descriptor().lastLayer());
    }

    @Test
    void aNameAlreadyTakenUnlessReplaced() throws IOException {
        Path chain = write("chain.onnx", TinyGraphs.chain());
        importer.importFile(chain, "mine", false);
        refused(write("residual.onnx", TinyGraphs.residual()), "mine", false, "pass --replace");
        ModelPackage replaced = importer.importFile(work.resolve("residual.onnx"), "mine", true);
        assertEquals(3, replaced.model().descriptor().lastLayer());
        assertEquals("residual.onnx", store.find("mine").orElseThrow().model().source());
        assertEquals(1, store.list().size());
    }

    @Test
    void aBuiltInOrMalformedName() throws IOException {
        Path chain = write("chain.onnx", TinyGraphs.chain());
        refused(chain, "vgg16", false, "built-in model");
        refused(chain, "../escape", false, "is not allowed");
        refused(chain, "Upper", false, "is not allowed");
    }

    @Test
    void noInteriorSplitPointIsImportedWithLayersZeroAndOneAndAWarning() throws IOException {
        // y = MatMul(x, w1) + MatMul(x, w2) x w3 ... two branches from the input to the end: always two tensors live
        GraphProto.Builder g = TinyGraphs.graph("x", 1, 4);
        g.addInitializer(TinyGraphs.weight("w1", 4, 3, 1)).addInitializer(TinyGraphs.weight("w2", 4, 3, 2));
        g.addNode(TinyGraphs.node("MatMul", "p", "x", "w1")).addNode(TinyGraphs.node("MatMul", "q", "x", "w2"))
                .addNode(TinyGraphs.node("Add", "y", "p", "q"));
        g.addOutput(TinyGraphs.valueInfo("y", 1, 3));
        ModelPackage imported = importer.importFile(write("wide.onnx", TinyGraphs.model(g, 17)), "wide", false);
        assertEquals(1, imported.model().descriptor().lastLayer());
        assertEquals(2, imported.splitPoints().size());
        assertTrue(imported.model().warnings().stream().anyMatch(w -> w.contains("no interior split point")),
                imported.model().warnings().toString());
    }

    @Test
    void aSampleSetDecidesTheWireDtypeAndIsKeptAsTheAccuracyTable() throws IOException {
        // the chain's activations are O(1): int8 on the wire keeps every top-1 class of 200 gaussian samples
        Path samples = work.resolve("samples.idx");
        java.util.Random random = new java.util.Random(5);
        float[] values = new float[200 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        new io.dynasplit.onnx.accuracy.IdxFile(new int[] {200, 4}, values).writeFloat32(samples);
        var set = io.dynasplit.onnx.accuracy.SampleSet.readIdx(samples, null, 1f);
        Path chain = write("chain.onnx", TinyGraphs.chain());

        ModelPackage lenient = importer.importFile(chain, "lenient", false,
                java.util.Optional.of(new AccuracyCheck(set, 0.9)));
        assertEquals(io.dynasplit.contracts.WireDtype.INT8, lenient.model().descriptor().wireDtype());
        assertEquals(2 * 6, lenient.accuracy().size(), "fp32 and int8 at each of the 6 split points");
        assertEquals(lenient.accuracy(), store.find("lenient").orElseThrow().accuracy(), "read back from accuracy.json");
        var top1 = AccuracyCheck.top1(lenient.accuracy(), io.dynasplit.contracts.WireDtype.INT8);
        assertEquals(6, top1.size());
        assertEquals(1.0, top1.get(0), "layer 0 ships the fp32 input");
        assertTrue(top1.stream().allMatch(a -> a >= 0.9 && a <= 1.0), top1.toString());

        // a bar no lossy codec can pass on this chain keeps fp32 on the wire
        double worstInt8 = lenient.accuracy().stream().filter(r -> r.dtype() == io.dynasplit.contracts.WireDtype.INT8)
                .mapToDouble(r -> r.agreement()).min().orElseThrow();
        if (worstInt8 < 1.0) {
            ModelPackage strict = importer.importFile(chain, "strict", false,
                    java.util.Optional.of(new AccuracyCheck(set, 1.0)));
            assertEquals(io.dynasplit.contracts.WireDtype.FP32, strict.model().descriptor().wireDtype());
        }
    }

    @Test
    void aSampleSetOfTheWrongShapeIsRefused() throws IOException {
        Path samples = work.resolve("wrong.idx");
        new io.dynasplit.onnx.accuracy.IdxFile(new int[] {3, 5}, new float[15]).writeFloat32(samples);
        var set = io.dynasplit.onnx.accuracy.SampleSet.readIdx(samples, null, 1f);
        Path chain = write("chain.onnx", TinyGraphs.chain());
        Map<String, String> before = snapshot();
        ModelImportException e = assertThrows(ModelImportException.class, () -> importer.importFile(chain, "x", false,
                java.util.Optional.of(new AccuracyCheck(set, 0.99))));
        assertTrue(e.getMessage().contains("sample set"), e.getMessage());
        assertEquals(before, snapshot());
    }

    @Test
    void aMissingFile() {
        refused(work.resolve("absent.onnx"), "x", false, "no such file");
    }

    private void refused(Path file, String name, boolean replace, String reason) {
        Map<String, String> before = snapshot();
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> importer.importFile(file, name, replace));
        assertTrue(e.getMessage().contains(reason), "message '" + e.getMessage() + "' lacks '" + reason + "'");
        assertEquals(before, snapshot(), "the models directory changed");
    }

    /** Every file under the models directory with a digest of its bytes, hidden staging folders included. */
    private Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(store.root())) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(store.root())) {
            for (Path p : paths.toList()) {
                files.put(store.root().relativize(p).toString(),
                        Files.isRegularFile(p) ? Integer.toHexString(Arrays.hashCode(Files.readAllBytes(p))) : "dir");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private Path write(String name, ModelProto model) throws IOException {
        Path file = work.resolve(name);
        Files.write(file, model.toByteArray());
        return file;
    }
}
