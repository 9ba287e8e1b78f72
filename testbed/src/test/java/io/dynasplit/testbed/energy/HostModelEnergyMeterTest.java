package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostModelEnergyMeterTest {

    @Test
    void energyIsCpuTimeTimesThePowerFigureAndSaysItIsEstimated() {
        AtomicLong cpu = new AtomicLong(3_000_000_000L);
        HostModelEnergyMeter meter = new HostModelEnergyMeter(cpu::get, 12.5);
        assertEquals("estimated:host-model", meter.source());
        assertFalse(meter.measured(), "a model is never a measurement");
        EnergyMeter.Window w = meter.start();
        cpu.addAndGet(400_000_000L); // 0.4 core-seconds
        assertEquals(5.0, w.stopJoules(), 1e-9);
        EnergyMeter.Window twice = meter.start();
        cpu.addAndGet(800_000_000L);
        assertEquals(10.0, twice.stopJoules(), 1e-9, "twice the CPU time, twice the joules");
        assertTrue(meter.describe().contains("12.5 W per busy core"), meter.describe());
    }

    @Test
    void realCpuWorkInThisJvmCostsJoules() {
        HostModelEnergyMeter meter = new HostModelEnergyMeter(HostModelEnergyMeter.processCpuTime(),
                HostModelEnergyMeter.DEFAULT_WATTS_PER_CORE);
        EnergyMeter.Window idle = meter.start();
        EnergyMeter.Window busy = meter.start();
        long sink = 0;
        long until = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        double joules = busy.stopJoules();
        assertTrue(sink != 42);
        // 200 ms of one busy thread: at least 0.1 core-seconds, at most every core of this machine for the window
        assertTrue(joules >= 0.1 * 10.0 && joules <= 0.2 * Runtime.getRuntime().availableProcessors() * 10.0 + 1.0,
                "joules " + joules);
        assertTrue(idle.stopJoules() >= joules - 1e-9, "the wider window holds the narrower one's work");
    }

    @Test
    void theProcessClockResolvesAMillisecondOfWork() {
        java.util.function.LongSupplier clock = HostModelEnergyMeter.processCpuTime();
        long sink = 0;
        long begin = clock.getAsLong();
        long until = System.nanoTime() + 1_000_000L;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        long spent = clock.getAsLong() - begin;
        assertTrue(sink != 42);
        // 1 ms of a busy thread: the JDK's tick-based clock would read 0 or a multiple of 10 ms here
        assertTrue(spent >= 500_000 && spent % 1_000_000 != 0, "CPU ns for 1 ms of work: " + spent);
    }

    @Test
    void refusesANonsensePowerFigureOrAnUnreadableClock() {
        assertThrows(IllegalArgumentException.class, () -> new HostModelEnergyMeter(() -> 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HostModelEnergyMeter(() -> 0, Double.NaN));
        assertThrows(HardwareException.class, () -> new HostModelEnergyMeter(() -> -1, 10));
        assertFalse(HostModelEnergyMeter.probe(() -> -1).available());
    }
}
