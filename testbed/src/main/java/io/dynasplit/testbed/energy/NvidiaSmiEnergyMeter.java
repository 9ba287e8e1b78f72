package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.CommandRunner;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * NVIDIA GPU energy from the driver's counter ({@code total_energy_consumption}, mJ since the driver loaded; the
 * same counter as NVML's {@code nvmlDeviceGetTotalEnergyConsumption}), read through {@code nvidia-smi} at both
 * ends of a window and summed over the GPUs. Volta or newer. Each read costs a process start (tens of ms), so
 * it suits request windows of 100 ms and more.
 */
public final class NvidiaSmiEnergyMeter implements EnergyMeter {
    static final List<String> QUERY = List.of("nvidia-smi", "--query-gpu=index,total_energy_consumption",
            "--format=csv,noheader,nounits");
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final CommandRunner runner;

    public NvidiaSmiEnergyMeter(CommandRunner runner) {
        this.runner = runner;
        Availability a = probe(runner);
        if (!a.available()) {
            throw new HardwareException(a.reason());
        }
    }

    public static Availability probe(CommandRunner runner) {
        try {
            List<Double> mj = query(runner);
            return Availability.ok("nvidia-smi energy counter on " + mj.size() + " GPU(s)");
        } catch (HardwareException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public String source() {
        return "measured:nvidia-smi";
    }

    @Override
    public Window start() {
        double begin = total(query(runner));
        return () -> (total(query(runner)) - begin) / 1000.0;
    }

    private static double total(List<Double> mj) {
        return mj.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Each GPU's counter in mJ; throws HardwareException with the reason when the counter cannot be read. */
    static List<Double> query(CommandRunner runner) {
        CommandRunner.Result r;
        try {
            r = runner.run(QUERY, TIMEOUT);
        } catch (IOException e) {
            throw new HardwareException("nvidia-smi cannot run (" + e.getMessage() + "): no NVIDIA driver here");
        }
        if (r.exitCode() != 0) {
            String first = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip().lines().findFirst().orElse("");
            throw new HardwareException("nvidia-smi failed (exit " + r.exitCode() + "): " + first);
        }
        List<Double> values = new ArrayList<>();
        for (String line : r.stdout().strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            String value = f.length > 1 ? f[1].strip() : "";
            try {
                values.add(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new HardwareException("GPU " + f[0].strip() + " reports total_energy_consumption '" + value
                        + "' (the counter needs a Volta or newer GPU and a recent driver)");
            }
        }
        if (values.isEmpty()) {
            throw new HardwareException("nvidia-smi lists no GPU");
        }
        return values;
    }
}
