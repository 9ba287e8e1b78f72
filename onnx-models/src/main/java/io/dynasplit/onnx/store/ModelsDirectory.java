package io.dynasplit.onnx.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where imported models live: the {@code dynasplit.models.dir} setting (system property, or the environment
 * variable {@code DYNASPLIT_MODELS_DIR}: a mounted volume on Kubernetes), else {@code models/} under the project's
 * home ({@code dynasplit.home}, set by {@code ./dynasplit}), else {@code models/} in the working directory.
 */
public final class ModelsDirectory {
    public static final String PROPERTY = "dynasplit.models.dir";
    public static final String ENVIRONMENT = "DYNASPLIT_MODELS_DIR";

    private ModelsDirectory() {
    }

    public static Path resolve() {
        return resolve(System.getProperties(), System.getenv());
    }

    static Path resolve(Properties properties, Map<String, String> environment) {
        String configured = properties.getProperty(PROPERTY, environment.get(ENVIRONMENT));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = properties.getProperty("dynasplit.home");
        return home == null ? Path.of("models") : Path.of(home, "models");
    }
}
