package io.dynasplit.testbed.hardware;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.emulated.PaperTestbed;
import io.dynasplit.testbed.energy.HostModelEnergyMeter;
import io.dynasplit.testbed.energy.nvml.FakeNvml;
import io.dynasplit.testbed.energy.nvml.Nvml;
import io.dynasplit.testbed.energy.nvml.NvmlException;
import io.dynasplit.testbed.energy.nvml.NvmlReturn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    static final Supplier<Nvml> NO_DRIVER = () -> {
        throw new NvmlException(NvmlReturn.LIBRARY_NOT_FOUND, "libnvidia-ml.so.1 not found: no NVIDIA driver on this machine");
    };

    private static HardwareDetector detector(HardwareMode mode, Path root, CommandRunner commands) {
        Supplier<Nvml> nvml = commands == ONE_GPU ? () -> new FakeNvml("NVIDIA H100 80GB HBM3") : NO_DRIVER;
        return new HardwareDetector(HardwareDetector.Options.defaults(mode)
                .withRoots(root.resolve("cpu"), root.resolve("powercap")).withCommands(commands).withNvml(nvml));
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
    void aBareMachineEmulatesItsKnobsAndEstimatesItsEnergyByTheHostModel(@TempDir Path root) {
        EdgeHardware edge = detector(HardwareMode.AUTO, root, NO_NVIDIA).detectEdge(PROFILE);
        CloudHardware cloud = detector(HardwareMode.AUTO, root, NO_NVIDIA).detectCloud(PROFILE, CloudEnergyAccounting.WHOLE_NODE);
        assertFalse(edge.fullyEmulated(), "the energy is this host's, by the model");
        assertEquals(5, edge.report().size() + cloud.report().size());
        assertTrue(edge.report().get(0).startsWith("edge cpu-frequency: emulated:paper-pi4-coral (real driver unavailable: "));
        assertTrue(edge.report().get(0).contains("no cpufreq policies"), edge.report().get(0));
        String edgeMeter = edge.report().get(2);
        assertEquals("estimated:host-model", edge.meter().source());
        assertTrue(edgeMeter.startsWith("edge energy-meter: estimated:host-model (host model: this process's CPU time x "
                + HostModelEnergyMeter.DEFAULT_WATTS_PER_CORE + " W per busy core; no meter: "), edgeMeter);
        assertTrue(edgeMeter.contains("no external power meter configured") && edgeMeter.contains("RAPL: no powercap interface"),
                edgeMeter);
        String cloudMeter = cloud.report().get(1);
        assertEquals("estimated:host-model", cloud.meter().source());
        assertTrue(cloudMeter.contains("GPU energy: NVML: libnvidia-ml.so.1 not found"), cloudMeter);
        edge.cpuFrequency().setMhz(800);
        assertEquals(800, edge.cpuFrequency().currentMhz());
        edge.accelerator().setMode(AcceleratorMode.MAX);
        assertEquals("cpu", edge.accelerator().computeDevice(), "emulated heads run on the host CPU");
    }

    @Test
    void theHostModelTakesTheConfiguredFigureAndFallsBackToTheProfileWhenCpuTimeIsUnreadable(@TempDir Path root) {
        HardwareDetector.Options options = HardwareDetector.Options.defaults(HardwareMode.AUTO)
                .withRoots(root.resolve("cpu"), root.resolve("powercap")).withCommands(NO_NVIDIA).withNvml(NO_DRIVER);
        EdgeHardware figured = new HardwareDetector(options.withHostModel(() -> 0, 4.5)).detectEdge(PROFILE);
        assertTrue(figured.report().get(2).contains("4.5 W per busy core"), figured.report().get(2));
        EdgeHardware blind = new HardwareDetector(options.withHostModel(() -> -1, 4.5)).detectEdge(PROFILE);
        assertTrue(blind.fullyEmulated());
        assertTrue(blind.report().get(2).contains("host model: this JVM cannot read its process CPU time"),
                blind.report().get(2));
        CloudHardware gpuMarginal = new HardwareDetector(options).detectCloud(PROFILE, CloudEnergyAccounting.GPU_MARGINAL);
        assertEquals("emulated:paper-gpu-node", gpuMarginal.meter().source(),
                "gpu-marginal is the GPU board's energy: a CPU model cannot stand in for it");
        assertThrows(IllegalArgumentException.class, () -> options.withHostModel(() -> 0, -2));
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
        assertEquals("measured:rapl+nvml", node.meter().source());
        assertTrue(node.report().get(1).contains("NVML total-energy counter on 1 GPU(s): NVIDIA H100"), node.report().get(1));
        node.gpu().setEnabled(true);
        assertEquals("gpu", node.gpu().computeDevice());
        CloudHardware gpuOnly = detector(HardwareMode.AUTO, root, ONE_GPU).detectCloud(PROFILE, CloudEnergyAccounting.GPU_MARGINAL);
        assertEquals("measured:nvml", gpuOnly.meter().source());
        assertTrue(gpuOnly.report().get(1).startsWith("cloud energy-meter (gpu-marginal): measured:nvml"));

        CloudHardware noRapl = detector(HardwareMode.AUTO, root.resolve("elsewhere"), ONE_GPU)
                .detectCloud(PROFILE, CloudEnergyAccounting.WHOLE_NODE);
        assertEquals("estimated:host-model+nvml", noRapl.meter().source(), "CPUs by the model, GPUs by NVML");
        assertTrue(noRapl.report().get(1).contains("plus the GPUs by NVML"), noRapl.report().get(1));
    }

    @Test
    void parsesTheMode() {
        assertEquals(HardwareMode.AUTO, HardwareMode.parse("auto"));
        assertEquals(HardwareMode.EMULATED, HardwareMode.parse(" Emulated "));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HardwareMode.parse("real")).getMessage().contains("auto|emulated"));
    }
}
