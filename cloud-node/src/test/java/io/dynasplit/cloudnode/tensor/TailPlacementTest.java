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
