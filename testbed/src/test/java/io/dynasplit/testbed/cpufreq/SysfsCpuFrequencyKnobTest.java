package io.dynasplit.testbed.cpufreq;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.HardwareException;
import io.dynasplit.testbed.hardware.SysfsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysfsCpuFrequencyKnobTest {

    /** Plays the kernel: a frequency written to scaling_setspeed shows in scaling_cur_freq. */
    static final class FollowingKernel extends SysfsFiles {
        @Override
        public void write(Path file, String value) throws IOException {
            super.write(file, value);
            if (file.getFileName().toString().equals("scaling_setspeed")) {
                super.write(file.resolveSibling("scaling_cur_freq"), value);
            }
        }
    }

    static Path fakePolicy(Path root, String dir, String governors) throws IOException {
        Path p = root.resolve(dir);
        Files.createDirectories(p);
        Files.writeString(p.resolve("scaling_available_governors"), governors + "\n");
        Files.writeString(p.resolve("scaling_governor"), "ondemand\n");
        Files.writeString(p.resolve("scaling_setspeed"), "<unsupported>\n");
        Files.writeString(p.resolve("scaling_cur_freq"), "1500000\n");
        Files.writeString(p.resolve("scaling_available_frequencies"),
                "600000 800000 1000000 1200000 1400000 1600000 1800000 \n");
        return p;
    }

    @Test
    void switchesToUserspaceWritesTheFrequencyAndVerifiesIt(@TempDir Path root) throws IOException {
        Path p = fakePolicy(root, "cpufreq/policy0", "conservative ondemand userspace powersave performance schedutil");
        SysfsCpuFrequencyKnob knob = new SysfsCpuFrequencyKnob(root, new FollowingKernel());
        assertEquals(List.of(600, 800, 1000, 1200, 1400, 1600, 1800), knob.availableMhz());
        knob.setMhz(1200);
        assertEquals("userspace", Files.readString(p.resolve("scaling_governor")));
        assertEquals("1200000", Files.readString(p.resolve("scaling_setspeed")));
        assertEquals(1200, knob.currentMhz());
        assertEquals("cpufreq-sysfs:" + root, knob.source());
    }

    @Test
    void aFrequencyThatDoesNotTakeIsAnError(@TempDir Path root) throws IOException {
        fakePolicy(root, "cpufreq/policy0", "ondemand userspace");
        SysfsCpuFrequencyKnob knob = new SysfsCpuFrequencyKnob(root, new SysfsFiles());
        HardwareException e = assertThrows(HardwareException.class, () -> knob.setMhz(800));
        assertTrue(e.getMessage().contains("scaling_cur_freq reads 1500000 kHz after setting 800000 kHz"), e.getMessage());
    }

    @Test
    void setsEveryPolicyOfTheOlderPerCpuLayout(@TempDir Path root) throws IOException {
        Path a = fakePolicy(root, "cpu0/cpufreq", "userspace performance");
        Path b = fakePolicy(root, "cpu1/cpufreq", "userspace performance");
        Files.createDirectories(root.resolve("cpufreq"));
        SysfsCpuFrequencyKnob knob = new SysfsCpuFrequencyKnob(root, new FollowingKernel());
        knob.setMhz(1800);
        assertEquals("1800000", Files.readString(a.resolve("scaling_cur_freq")));
        assertEquals("1800000", Files.readString(b.resolve("scaling_cur_freq")));
    }

    @Test
    void saysWhyItIsUnavailable(@TempDir Path root) throws IOException {
        Availability none = SysfsCpuFrequencyKnob.probe(root.resolve("missing"), new SysfsFiles());
        assertFalse(none.available());
        assertTrue(none.reason().contains("no cpufreq policies"), none.reason());

        fakePolicy(root, "cpufreq/policy0", "performance schedutil");
        Availability noUserspace = SysfsCpuFrequencyKnob.probe(root, new SysfsFiles());
        assertFalse(noUserspace.available());
        assertTrue(noUserspace.reason().contains("no 'userspace' governor (available: performance schedutil)"),
                noUserspace.reason());
        assertThrows(HardwareException.class, () -> new SysfsCpuFrequencyKnob(root));
    }

    @Test
    void readOnlySysfsNeedsRoot(@TempDir Path root) throws IOException {
        fakePolicy(root, "cpufreq/policy0", "userspace");
        SysfsFiles readOnly = new SysfsFiles() {
            @Override
            public boolean writable(Path file) {
                return false;
            }
        };
        Availability a = SysfsCpuFrequencyKnob.probe(root, readOnly);
        assertFalse(a.available());
        assertTrue(a.reason().contains("not writable") && a.reason().contains("root"), a.reason());
    }
}
