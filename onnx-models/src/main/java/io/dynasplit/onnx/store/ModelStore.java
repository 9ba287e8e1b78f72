package io.dynasplit.onnx.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dynasplit.contracts.Json;
import io.dynasplit.onnx.accuracy.AgreementRow;
import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.onnx.split.SplitPointRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models directory: one folder per imported model holding {@code model.onnx}, {@code model.json} and {@code
 * split-points.json}. A package is written into a hidden staging folder and renamed into place in one step, so a
 * reader (a node, the scheduler) never sees half a package and a failed import leaves the directory as it was.
 */
public final class ModelStore {
    /** Lower-case names that are safe as a folder, a Kafka key and a metric tag. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final ObjectMapper MAPPER = Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public List<ModelPackage> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            List<ModelPackage> packages = new ArrayList<>();
            dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.isRegularFile(d.resolve(ModelPackage.DESCRIPTOR_FILE)))
                    .sorted(Comparator.comparing(Path::getFileName))
                    .forEach(d -> packages.add(read(d)));
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the models directory " + root, e);
        }
    }

    public Optional<ModelPackage> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path dir = root.resolve(name);
        return Files.isRegularFile(dir.resolve(ModelPackage.DESCRIPTOR_FILE)) ? Optional.of(read(dir)) : Optional.empty();
    }

    /** Writes a package, atomically; an existing one of that name is replaced only when {@code replace}. */
    public ModelPackage write(ImportedModel model, List<SplitPointRow> splitPoints, List<AgreementRow> accuracy,
                              byte[] onnx, boolean replace) {
        Path target = root.resolve(model.name());
        if (Files.exists(target) && !replace) {
            throw new ModelImportException("a model named '" + model.name() + "' is already imported in " + root
                    + "; choose another --name or pass --replace to overwrite it");
        }
        Path staging = root.resolve(".staging-" + model.name() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            Files.write(staging.resolve(ModelPackage.ONNX_FILE), onnx);
            MAPPER.writeValue(staging.resolve(ModelPackage.SPLIT_POINTS_FILE).toFile(), splitPoints);
            if (!accuracy.isEmpty()) {
                MAPPER.writeValue(staging.resolve(ModelPackage.ACCURACY_FILE).toFile(), accuracy);
            }
            // the descriptor last: a folder with model.json is a complete package
            MAPPER.writeValue(staging.resolve(ModelPackage.DESCRIPTOR_FILE).toFile(), model);
            Path retired = null;
            if (Files.exists(target)) {
                retired = root.resolve(".retired-" + model.name() + "-" + UUID.randomUUID());
                move(target, retired);
            }
            move(staging, target);
            if (retired != null) {
                deleteTree(retired);
            }
            return read(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model '" + model.name() + "' into " + root, e);
        } finally {
            deleteTree(staging);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static ModelPackage read(Path dir) {
        try {
            ImportedModel model = MAPPER.readValue(dir.resolve(ModelPackage.DESCRIPTOR_FILE).toFile(), ImportedModel.class);
            List<SplitPointRow> points = MAPPER.readValue(dir.resolve(ModelPackage.SPLIT_POINTS_FILE).toFile(),
                    new TypeReference<>() { });
            Path accuracyFile = dir.resolve(ModelPackage.ACCURACY_FILE);
            List<AgreementRow> accuracy = Files.isRegularFile(accuracyFile)
                    ? MAPPER.readValue(accuracyFile.toFile(), new TypeReference<List<AgreementRow>>() { }) : List.of();
            return new ModelPackage(dir, model, points, accuracy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model package " + dir, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
