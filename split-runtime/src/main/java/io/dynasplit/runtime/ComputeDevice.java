package io.dynasplit.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Locale;

/**
 * Where a part of a network is computed: the host's CPU, or its first GPU. A GPU is usable only where the engine
 * that runs the network sees one: the default PyTorch natives are a CPU build, so on a GPU host they see none and
 * only the cloud node's CUDA build ({@code -Pcuda}, docs/hardware.md) places tails on the GPU.
 */
public enum ComputeDevice {
    CPU,
    GPU;

    public static ComputeDevice parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compute device '" + name + "': cpu or gpu", e);
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** GPUs the PyTorch engine sees (0 with the CPU natives, whatever the host has). */
    public static int pytorchGpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    Device djlDevice() {
        return this == GPU ? Device.gpu() : Device.cpu();
    }
}
