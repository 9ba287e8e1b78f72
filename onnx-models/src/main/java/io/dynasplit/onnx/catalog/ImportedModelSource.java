package io.dynasplit.onnx.catalog;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lets every service find imported models in the models directory while it runs: installed as a {@link Models}
 * source, it answers a lookup with the package's current descriptor. A package is read again only when its
 * {@code model.json} changed (one file-status call per lookup otherwise), so the scheduler's request path stays
 * cheap and a re-import is seen at the next request. {@code onLoad} hears of every package read, so a caller can
 * register what else the package carries (the testbed's cost estimate).
 */
public final class ImportedModelSource implements Function<String, Optional<ModelDescriptor>> {
    private final ModelStore store;
    private final Consumer<ModelPackage> onLoad;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    private record Loaded(FileTime modified, ModelPackage modelPackage) {
    }

    public ImportedModelSource(ModelStore store, Consumer<ModelPackage> onLoad) {
        this.store = store;
        this.onLoad = onLoad;
    }

    /**
     * Installs a source over {@code store} into {@link Models}, which also registers each package's estimated
     * costs with the emulated testbed when it is read; returns it (to remove it).
     */
    public static ImportedModelSource install(ModelStore store) {
        ImportedModelSource source = new ImportedModelSource(store, TestbedEstimates::register);
        Models.addSource(source);
        return source;
    }

    @Override
    public Optional<ModelDescriptor> apply(String name) {
        return find(name).map(p -> p.model().descriptor());
    }

    public Optional<ModelPackage> find(String name) {
        if (name == null || !ModelStore.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path descriptor = store.root().resolve(name).resolve(ModelPackage.DESCRIPTOR_FILE);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(descriptor);
        } catch (IOException e) {
            cache.remove(name);
            return Optional.empty();
        }
        Loaded loaded = cache.get(name);
        if (loaded != null && loaded.modified().equals(modified)) {
            return Optional.of(loaded.modelPackage());
        }
        Optional<ModelPackage> found = store.find(name);
        found.ifPresent(p -> {
            onLoad.accept(p);
            cache.put(name, new Loaded(modified, p));
        });
        return found;
    }

    public ModelStore store() {
        return store;
    }
}
