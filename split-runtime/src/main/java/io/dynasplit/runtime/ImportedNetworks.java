package io.dynasplit.runtime;

import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The imported models a node serves, read from the models directory the first time a command or tensor names them,
 * so a model imported while the node runs is served without a restart. A re-import ({@code --replace}) changes the
 * package's SHA-256; the next use then loads the new network and closes the old one.
 */
public final class ImportedNetworks implements AutoCloseable {
    private final ModelStore store;
    private final RunnerSettings settings;
    private final Map<String, ImportedNetwork> loaded = new ConcurrentHashMap<>();

    public ImportedNetworks(ModelStore store, RunnerSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public Optional<SplitNetwork> find(String name) {
        Optional<ModelPackage> found = store.find(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ModelPackage current = found.get();
        ImportedNetwork network = loaded.compute(name, (n, old) -> {
            if (old != null && old.sha256().equals(current.model().sha256())) {
                return old;
            }
            if (old != null) {
                old.close();
            }
            return new ImportedNetwork(current, settings);
        });
        return Optional.of(network);
    }

    public ModelStore store() {
        return store;
    }

    @Override
    public void close() {
        loaded.values().forEach(ImportedNetwork::close);
        loaded.clear();
    }
}
