package io.dynasplit.runtime;

import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The imported models a node serves, read from the models directory the first time a command or tensor names them,
 * so a model imported while the node runs is served without a restart. Every later call costs one file-status call
 * on the package's {@code model.json}; when it changed (a re-import, {@code --replace}) the package is read again,
 * and if its ONNX bytes changed (SHA-256) the new network is loaded and the old one closed.
 */
public final class ImportedNetworks implements AutoCloseable {
    private final ModelStore store;
    private final RunnerSettings settings;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(FileTime modified, ImportedNetwork network) {
    }

    public ImportedNetworks(ModelStore store, RunnerSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public Optional<SplitNetwork> find(String name) {
        if (name == null || !ModelStore.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(store.root().resolve(name).resolve(ModelPackage.DESCRIPTOR_FILE));
        } catch (IOException e) {
            return Optional.empty(); // not imported (or removed): the node keeps what it runs until closed
        }
        Loaded known = loaded.get(name);
        if (known != null && known.modified().equals(modified)) {
            return Optional.of(known.network()); // the request path: one file-status call
        }
        Optional<ModelPackage> found = store.find(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ModelPackage current = found.get();
        Loaded next = loaded.compute(name, (n, old) -> {
            if (old != null && old.network().sha256().equals(current.model().sha256())) {
                return new Loaded(modified, old.network());
            }
            if (old != null) {
                old.network().close();
            }
            return new Loaded(modified, new ImportedNetwork(current, settings));
        });
        return Optional.of(next.network());
    }

    public ModelStore store() {
        return store;
    }

    @Override
    public void close() {
        loaded.values().forEach(l -> l.network().close());
        loaded.clear();
    }
}
