package io.dynasplit.testbed.energy.nvml;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NvmlEnergyMeterTest {
    private final AtomicLong clock = new AtomicLong(1_000);

    private NvmlEnergyMeter meter(FakeNvml nvml) {
        return new NvmlEnergyMeter(nvml, Duration.ZERO, clock::get);
    }

    @Test
    void theCounterIsReadAtBothEndsAndSummedOverGpus() {
        FakeNvml nvml = new FakeNvml("NVIDIA H200", "NVIDIA H200");
        nvml.millijoules[0] = 5_000_000;
        nvml.millijoules[1] = 7_000_000;
        try (NvmlEnergyMeter meter = meter(nvml)) {
            assertEquals("measured:nvml", meter.source());
            assertTrue(meter.measured());
            EnergyMeter.Window w = meter.start();
            nvml.millijoules[0] += 12_500; // 12.5 J on GPU 0
            nvml.millijoules[1] += 2_000;  //  2.0 J on GPU 1
            assertEquals(14.5, w.stopJoules(), 1e-9);
        }
        assertEquals(1, nvml.closed, "closing the meter shuts NVML down");
    }

    @Test
    void withoutTheCounterPowerSamplesAreIntegratedAndLabelledApart() {
        FakeNvml nvml = new FakeNvml("Tesla P100").withoutCounter();
        nvml.milliwatts[0] = 100_000;
        try (NvmlEnergyMeter meter = meter(nvml)) {
            assertEquals("measured:nvml-power", meter.source());
            assertTrue(meter.inspection().description().contains("no energy counter"), meter.inspection().description());
            EnergyMeter.Window w = meter.start();          // 100 W at t = 1.0 s
            clock.set(1_500);
            nvml.milliwatts[0] = 300_000;
            meter.sample();                                 // 300 W at t = 1.5 s
            clock.set(2_000);
            // trapezoids: (100 + 300) / 2 * 0.5 s + (300 + 300) / 2 * 0.5 s = 100 + 150 J
            assertEquals(250.0, w.stopJoules(), 1e-9);
        }
    }

    @Test
    void aGpuLostMidWindowFailsTheWindowWithNvmlsReason() {
        FakeNvml nvml = new FakeNvml("NVIDIA A100");
        try (NvmlEnergyMeter meter = meter(nvml)) {
            EnergyMeter.Window w = meter.start();
            nvml.failing("energy", 0, NvmlReturn.GPU_IS_LOST);
            HardwareException e = assertThrows(HardwareException.class, w::stopJoules);
            assertTrue(e.getMessage().contains("GPU_IS_LOST") && e.getMessage().contains("GPU 0"), e.getMessage());
        }
        FakeNvml sampled = new FakeNvml("Tesla P100").withoutCounter();
        try (NvmlEnergyMeter meter = meter(sampled)) {
            EnergyMeter.Window w = meter.start();
            sampled.failing("power", 0, NvmlReturn.GPU_IS_LOST);
            assertThrows(HardwareException.class, meter::sample, "the background sampler records the failure");
            HardwareException e = assertThrows(HardwareException.class, w::stopJoules);
            assertTrue(e.getMessage().contains("GPU_IS_LOST"), e.getMessage());
        }
    }

    @Test
    void everyStartUpErrorIsAClearReason() {
        Availability noLibrary = NvmlEnergyMeter.probe(() -> {
            throw new NvmlException(NvmlReturn.LIBRARY_NOT_FOUND, "libnvidia-ml.so.1 not found: no NVIDIA driver on this machine");
        });
        assertFalse(noLibrary.available());
        assertTrue(noLibrary.reason().contains("libnvidia-ml.so.1 not found"), noLibrary.reason());

        FakeNvml denied = new FakeNvml("NVIDIA L4").failing("energy", 0, NvmlReturn.NO_PERMISSION);
        Availability noPermission = NvmlEnergyMeter.probe(() -> denied);
        assertFalse(noPermission.available());
        assertTrue(noPermission.reason().contains("NO_PERMISSION"), noPermission.reason());
        assertEquals(1, denied.closed, "a failed probe still shuts NVML down");

        FakeNvml neither = new FakeNvml("GeForce GT 710").withoutCounter().failing("power", 0, NvmlReturn.NOT_SUPPORTED);
        Availability nothing = NvmlEnergyMeter.probe(() -> neither);
        assertFalse(nothing.available());
        assertTrue(nothing.reason().contains("nvmlDeviceGetPowerUsage") || nothing.reason().contains("power"),
                nothing.reason());

        Availability none = NvmlEnergyMeter.probe(FakeNvml::new);
        assertFalse(none.available());
        assertTrue(none.reason().contains("no GPU"), none.reason());

        FakeNvml mismatch = new FakeNvml("NVIDIA H100").failing("count", -1, NvmlReturn.LIB_RM_VERSION_MISMATCH);
        HardwareException e = assertThrows(HardwareException.class,
                () -> NvmlEnergyMeter.open(() -> mismatch, Duration.ZERO));
        assertTrue(e.getMessage().contains("LIB_RM_VERSION_MISMATCH"), e.getMessage());
        assertEquals(1, mismatch.closed);

        Availability counter = NvmlEnergyMeter.probe(() -> new FakeNvml("NVIDIA H200"));
        assertTrue(counter.available());
        assertEquals("NVML total-energy counter on 1 GPU(s): NVIDIA H200", counter.reason());
    }

    @Test
    void onAMachineWithoutADriverTheRealBindingSaysSo() {
        // this machine has no NVIDIA driver: the JNA binding must fail cleanly, not crash the JVM
        Availability a = NvmlEnergyMeter.probe(JnaNvml::open);
        if (!a.available()) {
            assertTrue(a.reason().startsWith("NVML: "), a.reason());
        }
    }
}
