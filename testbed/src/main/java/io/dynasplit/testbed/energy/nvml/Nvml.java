package io.dynasplit.testbed.energy.nvml;

/**
 * The part of NVIDIA's management library (NVML) the energy meter uses, behind an interface so that every error path
 * can be tested without a GPU. GPUs are addressed by NVML index. Every call throws {@link NvmlException} on failure.
 */
public interface Nvml extends AutoCloseable {

    int deviceCount();

    String name(int gpu);

    /** {@code nvmlDeviceGetTotalEnergyConsumption}: mJ since the driver loaded (Volta and newer). */
    long totalEnergyMillijoules(int gpu);

    /** {@code nvmlDeviceGetPowerUsage}: the board's power draw now, mW. */
    long powerMilliwatts(int gpu);

    /** {@code nvmlShutdown}. */
    @Override
    void close();
}
