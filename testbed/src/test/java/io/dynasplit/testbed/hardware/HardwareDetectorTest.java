package io.dynasplit.testbed.hardware;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareDetectorTest {
    private static final PaperTestbed PROFILE = new PaperTestbed();

    static final CommandRunner NO_NVIDIA = (c, t) -> {
        throw new IOException("Cannot run program \"nvidia-smi\": error=2, No such file or directory");
    };

    static final CommandRunner ONE_GPU = (c, t) -> c.contains("-L")
            ? new CommandRunner.Result(0, "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1234)\n", "")
            : new CommandRunner.Result(0, "0, 123456\n", "");

    static void fakeMachine(Path root) throws IOException {
        Path p = root.resolve("cpu/cpufreq/policy0");
        Files.createDirectories(p);
        Files.writeString(p.resolve("scaling_available_governors"), "ondemand userspace");
        Files.writeString(p.resolve("scaling_governor"), "ondemand");
        Files.writeString(p.resolve("scaling_setspeed"), "<unsupported>");
        Files.writeString(p.resolve("scaling_cur_freq"), "1800000");
        Path z = root.resolve("powercap/intel-rapl:0");
        Files.createDirectories(z);
        Files.writeString(z.resolve("name"), "package-0");
        Files.writeString(z.resolve("energy_uj"), "100");
        Files.writeString(z.resolve("max_energy_range_uj"), "262143328850");
    }

    private static HardwareDetector detector(HardwareMode mode, Path root, CommandRunner commands) {
        return new HardwareDetector(HardwareDetector.Options.defaults(mode)
                .withRoots(root.resolve("cpu"), root.resolve("powercap")).withCommands(commands));
    }

    @Test
    void picksRealDriversWhereTheMachineHasThem(@TempDir Path root) throws IOException {
        fakeMachine(root);
        EdgeHardware edge = detector(HardwareMode.AUTO, root, NO_NVIDIA).detectEdge(PROFILE);
        assertTrue(edge.cpuFrequency().source().startsWith("cpufreq-sysfs:"));
        assertEquals("measured:rapl", edge.meter().source());
        assertInstanceOf(EmulatedAcceleratorKnob.class, edge.accelerator());
        assertEquals(3, edge.report().size(), "one line per knob and meter");
        String accelerator = edge.report().get(1);
        assertTrue(accelerator.startsWith("edge accelerator: emulated:paper-pi4-coral (real driver unavailable: "), accelerator);
        assertTrue(accelerator.contains("nvidia-smi cannot run"), accelerator);
        assertFalse(edge.fullyEmulated());
    }

    @Test
    void emulatesEverythingOnABareMachineAndSaysWhy(@TempDir Path root) {
        EdgeHardware edge = detector(HardwareMode.AUTO, root, NO_NVIDIA).detectEdge(PROFILE);
        CloudHardware cloud = detector(HardwareMode.AUTO, root, NO_NVIDIA).detectCloud(PROFILE, CloudEnergyAccounting.WHOLE_NODE);
        assertTrue(edge.fullyEmulated());
        assertTrue(cloud.fullyEmulated());
        assertEquals(5, edge.report().size() + cloud.report().size());
        for (String line : edge.report()) {
            assertTrue(line.contains(": emulated:paper-pi4-coral (real driver unavailable: "), line);
        }
        for (String line : cloud.report()) {
            assertTrue(line.contains(": emulated:paper-gpu-node (real driver unavailable: "), line);
        }
        assertTrue(edge.report().get(0).contains("no cpufreq policies"), edge.report().get(0));
        assertTrue(edge.report().get(2).contains("no external power meter configured")
                && edge.report().get(2).contains("RAPL: no powercap interface"), edge.report().get(2));
        edge.cpuFrequency().setMhz(800);
        assertEquals(800, edge.cpuFrequency().currentMhz());
        edge.accelerator().setMode(AcceleratorMode.MAX);
        assertEquals("cpu", edge.accelerator().computeDevice(), "emulated heads run on the host CPU");
    }

    @Test
    void emulatedModeIgnoresRealDrivers(@TempDir Path root) throws IOException {
        fakeMachine(root);
        EdgeHardware edge = detector(HardwareMode.EMULATED, root, ONE_GPU).detectEdge(PROFILE);
        assertTrue(edge.fullyEmulated());
        assertTrue(edge.report().stream().allMatch(l -> l.endsWith("(real driver unavailable: hardware=emulated)")),
                String.join("\n", edge.report()));
    }

    @Test
    void aGpuHostDrivesTheAcceleratorAndCloudKnobsThroughDjl(@TempDir Path root) throws IOException {
        fakeMachine(root);
        EdgeHardware edge = detector(HardwareMode.AUTO, root, ONE_GPU).detectEdge(PROFILE);
        edge.accelerator().setMode(AcceleratorMode.STD);
        assertEquals("gpu", edge.accelerator().computeDevice());
        edge.accelerator().setMode(AcceleratorMode.OFF);
        assertEquals("cpu", edge.accelerator().computeDevice());

        CloudHardware node = detector(HardwareMode.AUTO, root, ONE_GPU).detectCloud(PROFILE, CloudEnergyAccounting.WHOLE_NODE);
        assertEquals("measured:rapl+nvidia-smi", node.meter().source());
        node.gpu().setEnabled(true);
        assertEquals("gpu", node.gpu().computeDevice());
        CloudHardware gpuOnly = detector(HardwareMode.AUTO, root, ONE_GPU).detectCloud(PROFILE, CloudEnergyAccounting.GPU_MARGINAL);
        assertEquals("measured:nvidia-smi", gpuOnly.meter().source());
        assertTrue(gpuOnly.report().get(1).startsWith("cloud energy-meter (gpu-marginal): measured:nvidia-smi"));
    }

    @Test
    void parsesTheMode() {
        assertEquals(HardwareMode.AUTO, HardwareMode.parse("auto"));
        assertEquals(HardwareMode.EMULATED, HardwareMode.parse(" Emulated "));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HardwareMode.parse("real")).getMessage().contains("auto|emulated"));
    }
}
