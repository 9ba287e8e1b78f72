package io.dynasplit.testbed.cli;

import io.dynasplit.testbed.energy.nvml.JnaNvml;
import io.dynasplit.testbed.energy.nvml.NvmlEnergyMeter;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code testbed nvml-check}: on a GPU host, the NVML energy counter against NVML power samples integrated over the
 * same windows, idle and under a GPU load, so that the two ways of measuring GPU energy can be compared (goal: within
 * 5%).
 */
@Command(name = "nvml-check", mixinStandardHelpOptions = true,
        description = "Compare the NVML energy counter with integrated NVML power samples, idle and under a GPU load.")
public final class NvmlCheckCommand implements Callable<Integer> {

    @Option(names = "--idle-seconds", defaultValue = "10", description = "Idle window (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--load-seconds", defaultValue = "20", description = "Load window (default: ${DEFAULT-VALUE}).")
    int loadSeconds;

    @Option(names = "--interval-ms", defaultValue = "20", description = "Power sampling period (default: ${DEFAULT-VALUE}).")
    int intervalMs;

    @Option(names = "--buffer-gib", defaultValue = "8", description = "Device buffer the load fills (default: ${DEFAULT-VALUE}).")
    int bufferGib;

    @Override
    public Integer call() throws InterruptedException {
        try (NvmlEnergyMeter counter = NvmlEnergyMeter.open(JnaNvml::open, Duration.ofMillis(intervalMs));
             NvmlEnergyMeter power = NvmlEnergyMeter.openPowerSampling(JnaNvml::open, Duration.ofMillis(intervalMs))) {
            System.out.println("counter meter: " + counter.source() + " - " + counter.inspection().description());
            System.out.println("sampling meter: " + power.source() + " - " + power.inspection().description());
            System.out.println("window,seconds,counter_j,power_samples_j,difference_percent,mean_w");
            window("idle", counter, power, () -> sleep(idleSeconds));
            window("load", counter, power, () -> {
                try {
                    long fills = CudaMemsetLoad.run(Duration.ofSeconds(loadSeconds), (long) bufferGib << 30);
                    System.out.println("# load: " + fills + " fills of " + bufferGib + " GiB with cuMemsetD32");
                } catch (RuntimeException | UnsatisfiedLinkError e) {
                    System.out.println("# load failed (" + e.getMessage() + "): idle instead");
                    sleep(loadSeconds);
                }
            });
            return 0;
        } catch (HardwareException e) {
            System.out.println("nvml-check: " + e.getMessage());
            return 1;
        }
    }

    private static void window(String name, EnergyMeter counter, EnergyMeter power, Runnable work) {
        long t0 = System.nanoTime();
        EnergyMeter.Window c = counter.start();
        EnergyMeter.Window p = power.start();
        work.run();
        double pj = p.stopJoules();
        double cj = c.stopJoules();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s,%.2f,%.1f,%.1f,%.2f,%.1f%n", name, seconds, cj, pj, 100 * (pj / cj - 1),
                cj / seconds);
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
