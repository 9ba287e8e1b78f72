package io.dynasplit.cloudnode.tensor;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ClassScore;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ComputeDevice;
import io.dynasplit.runtime.SplitNetwork;
import io.dynasplit.runtime.SplitPoint;
import io.dynasplit.testbed.hardware.CloudGpuKnob;
import io.dynasplit.testbed.hardware.CloudHardware;
import io.dynasplit.testbed.hardware.EmulatedCloudGpuKnob;
import io.dynasplit.testbed.hardware.GpuCloudKnob;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TailPlacementTest {
    static final SplitConfig GPU_ON = new SplitConfig("vgg16", 8, 1800, AcceleratorMode.OFF, true);
    static final SplitConfig GPU_OFF = new SplitConfig("vgg16", 8, 1800, AcceleratorMode.OFF, false);

    @Test
    void aGpuNodeComputesTheTailOnTheGpuOnlyWhenTheCommandAsksAndTheNetworkCan() {
        TailPlacement placement = placement(new GpuCloudKnob("GPU 0: NVIDIA H200"));
        assertEquals(ComputeDevice.GPU, placement.deviceFor(GPU_ON, network(true)));
        assertEquals(ComputeDevice.CPU, placement.deviceFor(GPU_OFF, network(true)));
        assertEquals(ComputeDevice.CPU, placement.deviceFor(GPU_ON, network(false)), "CPU natives: falls back");
    }

    @Test
    void anEmulatedGpuNeverPlacesATailOnAGpu() {
        TailPlacement placement = placement(new EmulatedCloudGpuKnob("paper-gpu-node"));
        assertEquals(ComputeDevice.CPU, placement.deviceFor(GPU_ON, network(true)));
    }

    @Test
    void aGpuThatRefusesAtItsFirstTailLeavesThatTailAndTheNextToTheCpu() {
        TailPlacement placement = placement(new GpuCloudKnob("GPU 0: NVIDIA H200"));
        RefusingGpu network = new RefusingGpu();
        Activation input = new Activation(new float[] {1, 2}, new int[] {1, 2});

        assertEquals(input, placement.tail(GPU_ON, network, 3, input), "served on the CPU");
        assertEquals(List.of("gpu", "cpu"), network.ran);
        placement.tail(GPU_ON, network, 3, input);
        assertEquals(List.of("gpu", "cpu", "cpu"), network.ran, "the GPU is not asked again");
    }

    @Test
    void aFailureOfTheTailItselfIsNotHiddenByACpuRetry() {
        TailPlacement placement = placement(new GpuCloudKnob("GPU 0: NVIDIA H200"));
        RefusingGpu network = new RefusingGpu();
        network.refuses = false;
        assertThrows(IllegalStateException.class,
                () -> placement.tail(GPU_ON, network, 3, new Activation(new float[] {1}, new int[] {1, 1})));
    }

    /** A network whose GPU refuses at first use (ONNX Runtime without its CUDA libraries) or whose tail fails. */
    static final class RefusingGpu implements SplitNetwork {
        final List<String> ran = new java.util.ArrayList<>();
        boolean refuses = true;
        boolean gpuOffered = true;

        public String name() { return "imported"; }
        public ModelDescriptor descriptor() { return null; }
        public int lastLayer() { return 5; }
        public SplitPoint splitPoint(int layer) { return null; }
        public Activation head(int layer, Activation input) { return input; }
        public Activation tail(int layer, Activation activation) { return activation; }
        public Activation inputFor(String mediaType, byte[] bytes, long seed) { return null; }
        public List<ClassScore> topK(Activation logits, int k) { return List.of(); }
        public boolean runsOn(ComputeDevice device) { return device == ComputeDevice.CPU || gpuOffered; }

        public Activation tail(int layer, Activation activation, ComputeDevice device) {
            ran.add(device.wireName());
            if (device == ComputeDevice.GPU) {
                gpuOffered = !refuses;
                throw new IllegalStateException(refuses ? "libcublasLt.so.12: cannot open shared object file"
                        : "tail failed");
            }
            return activation;
        }
    }

    private static TailPlacement placement(CloudGpuKnob knob) {
        TailPlacement placement = new TailPlacement();
        placement.hardware = new CloudHardware(knob, null, List.of());
        return placement;
    }

    private static SplitNetwork network(boolean gpuCapable) {
        return new SplitNetwork() {
            public String name() { return "vgg16"; }
            public ModelDescriptor descriptor() { return null; }
            public int lastLayer() { return 23; }
            public SplitPoint splitPoint(int layer) { return null; }
            public Activation head(int layer, Activation input) { return input; }
            public Activation tail(int layer, Activation activation) { return activation; }
            public Activation inputFor(String mediaType, byte[] bytes, long seed) { return null; }
            public List<ClassScore> topK(Activation logits, int k) { return List.of(); }
            public boolean runsOn(ComputeDevice device) { return device == ComputeDevice.CPU || gpuCapable; }
        };
    }
}
