package io.dynasplit.testbed.energy.nvml;

import java.util.HashMap;
import java.util.Map;

/**
 * A programmable NVML: per GPU a name, an energy counter (or NOT_SUPPORTED) and a power reading, and failures to
 * inject per call. Counts init and shutdown so tests can check that nothing leaks.
 */
public final class FakeNvml implements Nvml {
    final String[] names;
    final long[] millijoules;
    final long[] milliwatts;
    boolean counterSupported = true;
    final Map<String, NvmlReturn> failures = new HashMap<>();
    int closed;

    public FakeNvml(String... names) {
        this.names = names;
        this.millijoules = new long[names.length];
        this.milliwatts = new long[names.length];
    }

    /** Makes every later {@code call} on {@code gpu} fail with {@code status} (call: count, name, energy, power). */
    public FakeNvml failing(String call, int gpu, NvmlReturn status) {
        failures.put(call + "/" + gpu, status);
        return this;
    }

    public FakeNvml withoutCounter() {
        counterSupported = false;
        return this;
    }

    private void check(String call, int gpu) {
        NvmlReturn status = failures.get(call + "/" + gpu);
        if (status != null) {
            throw NvmlException.of(status, call, gpu, status.text());
        }
    }

    @Override
    public int deviceCount() {
        check("count", -1);
        return names.length;
    }

    @Override
    public String name(int gpu) {
        check("name", gpu);
        return names[gpu];
    }

    @Override
    public long totalEnergyMillijoules(int gpu) {
        check("energy", gpu);
        if (!counterSupported) {
            throw NvmlException.of(NvmlReturn.NOT_SUPPORTED, "nvmlDeviceGetTotalEnergyConsumption", gpu, "Not Supported");
        }
        return millijoules[gpu];
    }

    @Override
    public long powerMilliwatts(int gpu) {
        check("power", gpu);
        return milliwatts[gpu];
    }

    @Override
    public void close() {
        closed++;
    }
}
