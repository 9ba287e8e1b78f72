package io.dynasplit.onnx.importer;

import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.onnx.accuracy.AgreementRow;
import io.dynasplit.onnx.store.ImportedModel;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.HexFormat;

/**
 * {@code model import}: checks an ONNX file, finds its split points, measures each tensor and each side's cost, and
 * writes the package into the models directory. Every refusal happens before anything is written. An imported
 * model never runs on the edge accelerator (its head is not compiled for one) and ships fp32 on the wire unless an
 * accuracy check on a sample set ({@link AccuracyCheck}) allows int8.
 */
public final class ModelImporter {
    private final ModelStore store;
    private final Clock clock;

    public ModelImporter(ModelStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public ModelPackage importFile(Path file, String name, boolean replace) {
        return importFile(file, name, replace, Optional.empty());
    }

    /** With an accuracy check: it decides the wire dtype and gives the optimizer an accuracy per split point. */
    public ModelPackage importFile(Path file, String name, boolean replace, Optional<AccuracyCheck> check) {
        requireName(name);
        byte[] onnx = readFile(file);
        ModelAnalysis analysis = ModelAnalysis.of(onnx);
        List<AgreementRow> accuracy = check.map(c -> c.measure(analysis)).orElse(List.of());
        WireDtype wire = check.map(c -> c.wireDtype(accuracy)).orElse(WireDtype.FP32);
        ModelDescriptor descriptor = new ModelDescriptor(name, analysis.lastLayer(), false, wire,
                analysis.input().sampleShape().stream().map(Math::toIntExact).toList(), analysis.classes());
        ImportedModel model = new ImportedModel(descriptor, file.getFileName().toString(), sha256(onnx),
                clock.instant(), analysis.input().name(), analysis.graph().output().getName(),
                analysis.input().dynamicBatch(), analysis.graph().model().getIrVersion(),
                analysis.graph().defaultOpset(), analysis.warnings());
        return store.write(model, analysis.splitPoints(), accuracy, onnx, replace);
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
