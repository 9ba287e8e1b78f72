package io.dynasplit.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where an operator's weights files are: a DJL {@code .params} file per model (written by
 * {@code Model.save(dir, name)}, same architecture as the catalog's). Looked up, in order: system property
 * {@code dynasplit.runtime.weights.<model>} or env {@code DYNASPLIT_WEIGHTS_<MODEL>} (a file); then
 * {@code <model>.params} or {@code <model>-0000.params} in the directory of system property
 * {@code dynasplit.runtime.weights-dir} or env {@code DYNASPLIT_WEIGHTS_DIR}.
 */
public record WeightsLocator(Path directory, Map<String, Path> files) {

    public WeightsLocator {
        files = Map.copyOf(files);
    }

    /** No operator files: committed weights where the module has them, seeded weights otherwise. */
    public static WeightsLocator none() {
        return new WeightsLocator(null, Map.of());
    }

    public static WeightsLocator fromEnvironment() {
        String dir = setting("dynasplit.runtime.weights-dir", "DYNASPLIT_WEIGHTS_DIR");
        return new WeightsLocator(dir == null ? null : Path.of(dir), Map.of());
    }

    public Optional<Path> locate(String model) {
        Path explicit = files.get(model);
        if (explicit == null) {
            String file = setting("dynasplit.runtime.weights." + model,
                    "DYNASPLIT_WEIGHTS_" + model.toUpperCase(Locale.ROOT).replace('-', '_'));
            explicit = file == null ? null : Path.of(file);
        }
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new IllegalStateException("weights file for " + model + " not found: " + explicit);
            }
            return Optional.of(explicit);
        }
        if (directory == null) {
            return Optional.empty();
        }
        for (String candidate : new String[] {model + ".params", model + "-0000.params"}) {
            Path p = directory.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null && !v.isBlank() ? v : (System.getenv(env) == null || System.getenv(env).isBlank()
                ? null : System.getenv(env));
    }
}
