package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;

import java.util.function.LongSupplier;

/**
 * Energy where no meter exists, by a documented model rather than a measurement (as Kepler, Scaphandre and CodeCarbon
 * fall back to): the CPU time this process spent during the window times a power figure per busy core. Labelled
 * {@code estimated:host-model}. It counts the work, not the machine's idle draw, and a window counts all of the
 * process's CPU time in it, so windows that overlap each count the other's work too.
 */
public final class HostModelEnergyMeter implements EnergyMeter {
    public static final String SOURCE = "estimated:host-model";
    /**
     * Assumed: a 65-125 W server or desktop CPU package spread over 8-12 busy cores is about 10 W per core. Set the
     * node's figure to its CPU's TDP divided by its cores where known.
     */
    public static final double DEFAULT_WATTS_PER_CORE = 10.0;

    private final LongSupplier cpuNanos;
    private final double wattsPerCore;

    /** @param cpuNanos the process's CPU time so far, ns (all threads, user and system) */
    public HostModelEnergyMeter(LongSupplier cpuNanos, double wattsPerCore) {
        if (!(wattsPerCore > 0) || Double.isInfinite(wattsPerCore)) {
            throw new IllegalArgumentException("watts per core must be a positive number, got " + wattsPerCore);
        }
        this.cpuNanos = cpuNanos;
        this.wattsPerCore = wattsPerCore;
        if (cpuNanos.getAsLong() < 0) {
            throw new HardwareException("this JVM cannot read its process CPU time");
        }
    }

    /** This JVM's CPU time (user + system, every thread, native code included), ns; -1 where unsupported. */
    public static LongSupplier processCpuTime() {
        return ProcessCpuClock.best();
    }

    public static Availability probe(LongSupplier cpuNanos) {
        return cpuNanos.getAsLong() < 0 ? Availability.unavailable("this JVM cannot read its process CPU time")
                : Availability.ok("process CPU time");
    }

    public double wattsPerCore() {
        return wattsPerCore;
    }

    /** One line for the start-up report. */
    public String describe() {
        return "host model: this process's CPU time x " + wattsPerCore + " W per busy core";
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Window start() {
        long begin = cpuNanos.getAsLong();
        return () -> (cpuNanos.getAsLong() - begin) / 1e9 * wattsPerCore;
    }
}
