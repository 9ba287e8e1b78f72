package io.dynasplit.cloudnode.tensor;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ComputeDevice;
import io.dynasplit.runtime.SplitNetwork;
import io.dynasplit.testbed.hardware.CloudHardware;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device a tail is computed on: the GPU when the command says {@code cloud_gpu = on}, the detector found an
 * NVIDIA GPU on this node and the network can run there in this process (the CUDA build); else the CPU. Tail time
 * and energy stay the testbed's or the meter's either way: this decides only where the arithmetic happens, and
 * says once per model when a GPU tail falls back to the CPU.
 */
@ApplicationScoped
public class TailPlacement {
    private static final Logger LOG = Logger.getLogger(TailPlacement.class);

    @Inject
    CloudHardware hardware;

    private final Set<String> fallbacksSaid = ConcurrentHashMap.newKeySet();

    public ComputeDevice deviceFor(SplitConfig config, SplitNetwork network) {
        if (!config.cloudGpu() || !hasGpu()) {
            return ComputeDevice.CPU;
        }
        if (network.runsOn(ComputeDevice.GPU)) {
            return ComputeDevice.GPU;
        }
        if (fallbacksSaid.add(network.name())) {
            LOG.warnf("cloud_gpu=on but %s cannot run on this node's GPU in this build: its tails run on the CPU "
                    + "(the CUDA build is -Pcuda, docs/hardware.md)", network.name());
        }
        return ComputeDevice.CPU;
    }

    /**
     * The tail on the device {@link #deviceFor} picks. When the GPU refuses at its first use (ONNX Runtime without the
     * CUDA libraries it needs, say), the network stops offering it and this tail runs on the CPU, said in the log:
     * the request is served rather than lost.
     */
    public Activation tail(SplitConfig config, SplitNetwork network, int layer, Activation input) {
        ComputeDevice device = deviceFor(config, network);
        if (device == ComputeDevice.CPU) {
            return network.tail(layer, input, ComputeDevice.CPU);
        }
        try {
            return network.tail(layer, input, device);
        } catch (IllegalStateException e) {
            if (network.runsOn(device)) {
                throw e; // not a refusal of the device: a failure of this tail
            }
            LOG.warnf("%s's tail could not run on the GPU (%s): it runs on the CPU from now on", network.name(),
                    e.getMessage());
            return network.tail(layer, input, ComputeDevice.CPU);
        }
    }

    private boolean hasGpu() {
        return !hardware.gpu().source().startsWith("emulated:");
    }
}
