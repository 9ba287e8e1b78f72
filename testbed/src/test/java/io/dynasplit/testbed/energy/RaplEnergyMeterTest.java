package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.SysfsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaplEnergyMeterTest {
    static final long MAX = 262_143_328_850L;

    static Path zone(Path root, String dir, String name, long energy) throws IOException {
        Path z = root.resolve(dir);
        Files.createDirectories(z);
        Files.writeString(z.resolve("name"), name + "\n");
        Files.writeString(z.resolve("energy_uj"), energy + "\n");
        Files.writeString(z.resolve("max_energy_range_uj"), MAX + "\n");
        return z;
    }

    @Test
    void sumsPackageCountersOverTheWindow(@TempDir Path root) throws IOException {
        Path p0 = zone(root, "intel-rapl:0", "package-0", 1_000_000);
        Path p1 = zone(root, "intel-rapl:1", "package-1", 5_000_000);
        Path core = zone(root, "intel-rapl:0:0", "core", 7);
        RaplEnergyMeter meter = new RaplEnergyMeter(root);
        EnergyMeter.Window w = meter.start();
        Files.writeString(p0.resolve("energy_uj"), "3500000");
        Files.writeString(p1.resolve("energy_uj"), "6000000");
        Files.writeString(core.resolve("energy_uj"), "999999999");
        assertEquals(3.5, w.stopJoules(), 1e-9, "2.5 J + 1 J; sub-zones are inside their package");
        assertEquals("measured:rapl", meter.source());
        assertTrue(meter.measured());
    }

    @Test
    void handlesTheCounterWrappingAround(@TempDir Path root) throws IOException {
        Path p0 = zone(root, "intel-rapl:0", "package-0", MAX - 1_000_000);
        RaplEnergyMeter meter = new RaplEnergyMeter(root);
        EnergyMeter.Window w = meter.start();
        Files.writeString(p0.resolve("energy_uj"), "2000000");
        assertEquals(3.0, w.stopJoules(), 1e-9);
        assertEquals(5, RaplEnergyMeter.delta(10, 15, 100));
        assertEquals(15, RaplEnergyMeter.delta(95, 10, 100));
    }

    @Test
    void prefersThePlatformZone(@TempDir Path root) throws IOException {
        zone(root, "intel-rapl:0", "package-0", 0);
        Path psys = zone(root, "intel-rapl:1", "psys", 0);
        RaplEnergyMeter meter = new RaplEnergyMeter(root);
        EnergyMeter.Window w = meter.start();
        Files.writeString(psys.resolve("energy_uj"), "4000000");
        Files.writeString(root.resolve("intel-rapl:0/energy_uj"), "1000000");
        assertEquals(4.0, w.stopJoules(), 1e-9, "psys covers the packages");
    }

    @Test
    void explainsRootOnlyCounters(@TempDir Path root) throws IOException {
        zone(root, "intel-rapl:0", "package-0", 0);
        SysfsFiles rootOnly = new SysfsFiles() {
            @Override
            public String read(Path file) throws IOException {
                if (file.getFileName().toString().equals("energy_uj")) {
                    throw new AccessDeniedException(file.toString());
                }
                return super.read(file);
            }
        };
        Availability a = RaplEnergyMeter.probe(root, rootOnly);
        assertFalse(a.available());
        assertTrue(a.reason().contains("root only since Linux 5.10"), a.reason());
    }

    @Test
    void explainsMissingPowercap(@TempDir Path root) throws IOException {
        Availability missing = RaplEnergyMeter.probe(root.resolve("nope"), new SysfsFiles());
        assertFalse(missing.available());
        assertTrue(missing.reason().contains("no powercap interface"), missing.reason());
        Files.createDirectories(root.resolve("dtpm"));
        Availability noZones = RaplEnergyMeter.probe(root, new SysfsFiles());
        assertTrue(noZones.reason().contains("no RAPL package or psys zone"), noZones.reason());
    }
}
