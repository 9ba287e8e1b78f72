package io.dynasplit.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a tail is computed. The build here loads PyTorch's CPU natives, so a GPU tail is refused with the reason;
 * on a host whose engine sees a GPU (the CUDA build) the same test checks that the GPU tail equals the CPU one.
 */
class ComputeDeviceTest {

    @Test
    void aCpuTailIsTheTail() {
        try (ModelCatalog catalog = new ModelCatalog(WeightsLocator.none())) {
            SplitModel model = catalog.get("fmnist-cnn");
            Activation head = model.head(2, model.inputFor(null, null, 5));
            assertTrue(model.runsOn(ComputeDevice.CPU));
            assertEquals(model.tail(2, head), model.tail(2, head, ComputeDevice.CPU));
        }
    }

    @Test
    void aGpuTailRunsOnlyWhereTheEngineSeesAGpu() {
        try (ModelCatalog catalog = new ModelCatalog(WeightsLocator.none())) {
            SplitModel model = catalog.get("fmnist-cnn");
            Activation head = model.head(2, model.inputFor(null, null, 5));
            if (ComputeDevice.pytorchGpuCount() == 0) {
                assertFalse(model.runsOn(ComputeDevice.GPU));
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> model.tail(2, head, ComputeDevice.GPU));
                assertTrue(refused.getMessage().contains("sees no GPU"), refused.getMessage());
            } else {
                Activation onGpu = model.tail(2, head, ComputeDevice.GPU);
                assertTrue(onGpu.maxAbsDiff(model.tail(2, head)) <= 1e-3f, "GPU tail = CPU tail");
            }
        }
    }

    @Test
    void anImportedNetworkRunsOnTheCpuOnly() {
        SplitNetwork cpuOnly = new SplitNetwork() {
            public String name() { return "imported"; }
            public io.dynasplit.contracts.ModelDescriptor descriptor() { return null; }
            public int lastLayer() { return 1; }
            public SplitPoint splitPoint(int layer) { return null; }
            public Activation head(int layer, Activation input) { return input; }
            public Activation tail(int layer, Activation activation) { return activation; }
            public Activation inputFor(String mediaType, byte[] bytes, long seed) { return null; }
            public java.util.List<io.dynasplit.contracts.ClassScore> topK(Activation logits, int k) { return null; }
        };
        assertFalse(cpuOnly.runsOn(ComputeDevice.GPU));
        assertThrows(IllegalStateException.class, () -> cpuOnly.tail(0, null, ComputeDevice.GPU));
    }

    @Test
    void devicesParseByTheirWireNames() {
        assertEquals(ComputeDevice.GPU, ComputeDevice.parse(" gpu"));
        assertEquals("cpu", ComputeDevice.CPU.wireName());
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse("tpu"));
    }
}
