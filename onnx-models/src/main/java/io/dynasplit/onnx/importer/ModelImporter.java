package io.dynasplit.onnx.importer;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.onnx.store.ImportedModel;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * {@code model import}: checks an ONNX file, finds its split points, measures each tensor and each side's cost, and
 * writes the package into the models directory. Every refusal happens before anything is written. An imported
 * model ships fp32 on the wire and never runs on the edge accelerator (its head is not compiled for one) until an
 * accuracy check on a sample set allows int8.
 */
public final class ModelImporter {
    private final ModelStore store;
    private final Clock clock;

    public ModelImporter(ModelStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public ModelPackage importFile(Path file, String name, boolean replace) {
        requireName(name);
        byte[] onnx = readFile(file);
        ModelAnalysis analysis = ModelAnalysis.of(onnx);
        ModelDescriptor descriptor = new ModelDescriptor(name, analysis.lastLayer(), false, WireDtype.FP32,
                analysis.input().sampleShape().stream().map(Math::toIntExact).toList(), analysis.classes());
        ImportedModel model = new ImportedModel(descriptor, file.getFileName().toString(), sha256(onnx),
                clock.instant(), analysis.input().name(), analysis.graph().output().getName(),
                analysis.input().dynamicBatch(), analysis.graph().model().getIrVersion(),
                analysis.graph().defaultOpset(), analysis.warnings());
        return store.write(model, analysis.splitPoints(), onnx, replace);
    }

    static void requireName(String name) {
        if (name == null || !ModelStore.NAME.matcher(name).matches()) {
            throw new ModelImportException("model name '" + name + "' is not allowed: use 1-63 characters of"
                    + " a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        if (Models.isBuiltIn(name)) {
            throw new ModelImportException("model name '" + name + "' is taken by a built-in model; choose another");
        }
    }

    private static byte[] readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelImportException("no such file: " + file);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
