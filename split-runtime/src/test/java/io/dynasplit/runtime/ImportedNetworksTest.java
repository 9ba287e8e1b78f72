package io.dynasplit.runtime;

import io.dynasplit.onnx.importer.ModelImporter;
import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.store.ModelStore;
import io.dynasplit.runtime.export.OnnxExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node serves a model imported while it runs, keeps it across calls, and reloads it only when its bytes change. */
class ImportedNetworksTest {
    @TempDir
    Path work;

    @Test
    void anImportIsServedWithoutARestartAndReloadedOnlyWhenItsBytesChange() throws Exception {
        ModelStore store = new ModelStore(work.resolve("models"));
        ModelImporter importer = new ModelImporter(store, Clock.systemUTC());
        Path onnx = work.resolve("fmnist-cnn.onnx");
        try (ModelCatalog builtIn = new ModelCatalog(WeightsLocator.fromEnvironment());
             ImportedNetworks imported = new ImportedNetworks(store, RunnerSettings.serving());
             ModelCatalog catalog = new ModelCatalog(WeightsLocator.fromEnvironment(), imported)) {
            SplitModel fmnist = builtIn.get("fmnist-cnn");
            OnnxExport.write(fmnist, onnx);
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> catalog.network("fm"));
            assertTrue(unknown.getMessage().contains("not imported in " + store.root()), unknown.getMessage());

            importer.importFile(onnx, "fm", false);
            SplitNetwork network = catalog.network("fm");
            assertEquals(20, network.lastLayer());
            Activation input = network.inputFor(null, null, 3);
            float[] full = network.head(network.lastLayer(), input).values();
            // the imported network, split at its middle, gives the built-in network's logits
            Activation cut = network.head(10, input);
            assertArrayEquals(full, network.tail(10, cut).values(), 1e-4f);
            assertArrayEquals(fmnist.forward(input).values(), full, 1e-3f);
            assertEquals(network.topK(Activation.of(full, 1, 10), 1).get(0).classIndex(),
                    fmnist.topK(fmnist.forward(input), 1).get(0).classIndex());
            assertSame(network, catalog.network("fm"), "kept across calls");
            // the CPU build of ONNX Runtime offers no CUDA provider: tails run on the CPU, a GPU tail is refused
            assertArrayEquals(full, network.tail(10, cut, ComputeDevice.CPU).values(), 1e-4f);
            assertEquals(false, network.runsOn(ComputeDevice.GPU));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> network.tail(10, cut, ComputeDevice.GPU));
            assertTrue(refused.getMessage().contains("no CUDA execution provider"), refused.getMessage());

            // a re-import of the same bytes rewrites model.json, but the network stays loaded
            importer.importFile(onnx, "fm", true);
            Files.setLastModifiedTime(store.root().resolve("fm/model.json"), FileTime.from(Instant.now().plusSeconds(5)));
            assertSame(network, catalog.network("fm"), "same bytes, same network");

            // other bytes under the same name: a new network
            Path other = work.resolve("other.onnx");
            Files.write(other, OnnxExport.export(fmnist).toBuilder().setDocString("re-exported").build().toByteArray());
            importer.importFile(other, "fm", true);
            Files.setLastModifiedTime(store.root().resolve("fm/model.json"), FileTime.from(Instant.now().plusSeconds(10)));
            assertNotSame(network, catalog.network("fm"), "new bytes, new network");
        }
    }
}
