package io.dynasplit.servicekit.models;

import io.dynasplit.onnx.catalog.ImportedModelSource;
import io.dynasplit.onnx.store.ModelStore;
import io.dynasplit.onnx.store.ModelsDirectory;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Every service knows the imported models from the start: the models directory ({@code dynasplit.models.dir}; a
 * volume on Kubernetes) becomes a source of {@link io.dynasplit.contracts.Models}, so the validators accept an
 * imported model and the emulated testbed learns its estimated costs the first time a record names it, with no
 * restart. A record for a model that is neither built in nor imported is dead-lettered as an unknown model.
 */
@ApplicationScoped
public class ImportedModelsInstaller {
    private static final Logger LOG = Logger.getLogger(ImportedModelsInstaller.class);

    @Inject
    Config config;

    void install(@Observes @Priority(1) StartupEvent event) {
        Path dir = config.getOptionalValue(ModelsDirectory.PROPERTY, String.class).map(Path::of)
                .orElseGet(ModelsDirectory::resolve);
        ImportedModelSource source = ImportedModelSource.install(new ModelStore(dir));
        LOG.infof("imported models: read from %s (%d there now)", dir.toAbsolutePath(), source.store().list().size());
    }
}
