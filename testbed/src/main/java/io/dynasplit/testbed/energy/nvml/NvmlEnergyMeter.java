package io.dynasplit.testbed.energy.nvml;

import io.dynasplit.testbed.energy.PowerSamples;
import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * GPU energy from NVML, summed over the machine's GPUs. Where every GPU has the total-energy counter (Volta and newer)
 * the window reads it at both ends ({@code measured:nvml}); otherwise power readings sampled every
 * {@code interval} are integrated over the window ({@code measured:nvml-power}), so that the two are never confused.
 * A GPU that fails during a window (lost, reset) makes the window throw with NVML's reason: no figure is invented.
 */
public final class NvmlEnergyMeter implements EnergyMeter {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
    public static final String COUNTER_SOURCE = "measured:nvml";
    public static final String POWER_SOURCE = "measured:nvml-power";

    /** How this machine's GPUs can be metered, found by {@link #inspect}. */
    public record Inspection(int gpus, boolean counter, String description) {
    }

    private final Nvml nvml;
    private final Inspection inspection;
    private final LongSupplier clockMillis;
    private final PowerSamples samples;
    private final ScheduledExecutorService sampler;
    private volatile RuntimeException samplingFailure;

    /**
     * @param interval power-sampling period; zero samples only at the window's ends (tests drive {@link #sample()})
     */
    NvmlEnergyMeter(Nvml nvml, Duration interval, LongSupplier clockMillis) {
        this(nvml, interval, clockMillis, false);
    }

    private NvmlEnergyMeter(Nvml nvml, Duration interval, LongSupplier clockMillis, boolean powerSamplesOnly) {
        this.nvml = nvml;
        this.clockMillis = clockMillis;
        try {
            Inspection found = inspect(nvml);
            if (powerSamplesOnly && found.counter()) {
                for (int gpu = 0; gpu < found.gpus(); gpu++) {
                    nvml.powerMilliwatts(gpu);
                }
                found = new Inspection(found.gpus(), false, found.description() + " (power samples requested)");
            }
            this.inspection = found;
        } catch (NvmlException e) {
            nvml.close();
            throw new HardwareException("NVML: " + e.getMessage(), e);
        }
        if (inspection.counter()) {
            this.samples = null;
            this.sampler = null;
        } else {
            long capacity = Math.max(1000, Duration.ofMinutes(10).toMillis() / Math.max(1, interval.toMillis()));
            this.samples = new PowerSamples((int) capacity);
            this.sampler = interval.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nvml-power-sampler");
                t.setDaemon(true);
                return t;
            });
            if (sampler != null) {
                sampler.scheduleAtFixedRate(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Opens NVML with {@code loader} and meters every GPU; throws HardwareException with the reason otherwise. */
    public static NvmlEnergyMeter open(Supplier<Nvml> loader, Duration interval) {
        Nvml nvml;
        try {
            nvml = loader.get();
        } catch (NvmlException e) {
            throw new HardwareException("NVML: " + e.getMessage(), e);
        }
        return new NvmlEnergyMeter(nvml, interval, System::currentTimeMillis);
    }

    /**
     * Power samples integrated even where the counter exists: the counter's check (the two over the same window
     * should agree), not a meter to serve requests with.
     */
    public static NvmlEnergyMeter openPowerSampling(Supplier<Nvml> loader, Duration interval) {
        Nvml nvml;
        try {
            nvml = loader.get();
        } catch (NvmlException e) {
            throw new HardwareException("NVML: " + e.getMessage(), e);
        }
        return new NvmlEnergyMeter(nvml, interval, System::currentTimeMillis, true);
    }

    /** Whether NVML can meter this machine's GPUs, and how; one line either way. Leaves NVML shut down. */
    public static Availability probe(Supplier<Nvml> loader) {
        try (Nvml nvml = loader.get()) {
            return Availability.ok(inspect(nvml).description());
        } catch (NvmlException e) {
            return Availability.unavailable("NVML: " + e.getMessage());
        }
    }

    /**
     * The counter where every GPU has it, else power readings where every GPU has those. A GPU with neither, or any
     * other NVML error (no permission, driver mismatch), makes the machine unmeterable: throws NvmlException.
     */
    static Inspection inspect(Nvml nvml) {
        int gpus = nvml.deviceCount();
        if (gpus == 0) {
            throw new NvmlException(NvmlReturn.NOT_FOUND, "NVML lists no GPU");
        }
        List<String> names = new ArrayList<>();
        String noCounter = null;
        for (int gpu = 0; gpu < gpus; gpu++) {
            names.add(nvml.name(gpu));
            try {
                nvml.totalEnergyMillijoules(gpu);
            } catch (NvmlException e) {
                if (e.status() != NvmlReturn.NOT_SUPPORTED) {
                    throw e;
                }
                noCounter = e.getMessage();
            }
        }
        String what = gpus + " GPU(s): " + String.join(", ", names);
        if (noCounter == null) {
            return new Inspection(gpus, true, "NVML total-energy counter on " + what);
        }
        for (int gpu = 0; gpu < gpus; gpu++) {
            nvml.powerMilliwatts(gpu); // NOT_SUPPORTED here too: nothing to meter with
        }
        return new Inspection(gpus, false, "NVML power samples on " + what + " (no energy counter: " + noCounter + ")");
    }

    public Inspection inspection() {
        return inspection;
    }

    @Override
    public String source() {
        return inspection.counter() ? COUNTER_SOURCE : POWER_SOURCE;
    }

    @Override
    public Window start() {
        if (inspection.counter()) {
            long begin = totalMillijoules();
            return () -> (totalMillijoules() - begin) / 1000.0;
        }
        long from = clockMillis.getAsLong();
        RuntimeException failedBefore = samplingFailure;
        sample();
        return () -> {
            long to = clockMillis.getAsLong();
            sample();
            RuntimeException failure = samplingFailure;
            if (failure != null && failure != failedBefore) {
                throw new HardwareException("GPU power unreadable during the window: " + failure.getMessage(), failure);
            }
            return samples.joules(from, to);
        };
    }

    private long totalMillijoules() {
        long total = 0;
        try {
            for (int gpu = 0; gpu < inspection.gpus(); gpu++) {
                total += nvml.totalEnergyMillijoules(gpu);
            }
        } catch (NvmlException e) {
            throw new HardwareException("GPU energy unreadable: " + e.getMessage(), e);
        }
        return total;
    }

    /** Reads every GPU's power now and records the sum; throws HardwareException when a GPU cannot be read. */
    void sample() {
        double watts = 0;
        try {
            for (int gpu = 0; gpu < inspection.gpus(); gpu++) {
                watts += nvml.powerMilliwatts(gpu) / 1000.0;
            }
        } catch (NvmlException e) {
            samplingFailure = e;
            throw new HardwareException("GPU power unreadable: " + e.getMessage(), e);
        }
        samples.add(clockMillis.getAsLong(), watts);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (HardwareException e) {
            // recorded in samplingFailure: the window open over it throws
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        nvml.close();
    }
}
