package io.dynasplit.testbed.hardware;

import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.cpufreq.SysfsCpuFrequencyKnob;
import io.dynasplit.testbed.energy.EmulatedEnergyMeter;
import io.dynasplit.testbed.energy.HostModelEnergyMeter;
import io.dynasplit.testbed.energy.HttpPowerMeter;
import io.dynasplit.testbed.energy.RaplEnergyMeter;
import io.dynasplit.testbed.energy.SumEnergyMeter;
import io.dynasplit.testbed.energy.nvml.JnaNvml;
import io.dynasplit.testbed.energy.nvml.Nvml;
import io.dynasplit.testbed.energy.nvml.NvmlEnergyMeter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Picks, at start-up, a real driver for each knob and meter where this machine has one and the emulated profile's
 * otherwise, and says for each which it chose and why the real one is unavailable.
 *
 * <ul>
 *   <li>edge CPU frequency: cpufreq sysfs with the userspace governor (needs root);</li>
 *   <li>edge accelerator: the GPU as a DJL device where an NVIDIA GPU exists (no Coral Edge TPU driver);</li>
 *   <li>edge energy: an external HTTP power meter when configured (whole board, as the paper), else RAPL (CPU
 *       package only), else the host model;</li>
 *   <li>cloud GPU: a DJL device choice where an NVIDIA GPU exists;</li>
 *   <li>cloud energy: whole-node: an HTTP meter when configured, else RAPL plus NVML, else the host model (plus NVML
 *       where there is a GPU); gpu-marginal: NVML.</li>
 * </ul>
 * The host model ({@code estimated:host-model}) is never a measurement and says so; it replaces the emulated profile's
 * energy in {@code auto} mode so that a machine without a meter reports its own work, not the paper's board.
 */
public final class HardwareDetector {
    private final Options options;

    /**
     * @param mode          auto or emulated
     * @param cpufreqRoot   {@code /sys/devices/system/cpu}
     * @param powercapRoot  {@code /sys/class/powercap}
     * @param edgeMeter     URL of the edge's external power meter, or null
     * @param cloudMeter    URL of the cloud node's external power meter, or null
     * @param meterInterval polling interval of HTTP meters (the paper: 0.2 s)
     * @param nvml          opens NVML (the driver's library; a fake in tests)
     * @param cpuNanos      this process's CPU time, for the host model
     * @param hostWattsPerCore the host model's power per busy core
     */
    public record Options(HardwareMode mode, Path cpufreqRoot, Path powercapRoot, SysfsFiles files,
                          CommandRunner commands, URI edgeMeter, URI cloudMeter, Duration meterInterval,
                          Supplier<Nvml> nvml, LongSupplier cpuNanos, double hostWattsPerCore) {
        public Options {
            Objects.requireNonNull(mode);
            Objects.requireNonNull(cpufreqRoot);
            Objects.requireNonNull(powercapRoot);
            Objects.requireNonNull(files);
            Objects.requireNonNull(commands);
            Objects.requireNonNull(meterInterval);
            Objects.requireNonNull(nvml);
            Objects.requireNonNull(cpuNanos);
            if (!(hostWattsPerCore > 0) || Double.isInfinite(hostWattsPerCore)) {
                throw new IllegalArgumentException("host watts per core must be a positive number, got " + hostWattsPerCore);
            }
        }

        public static Options defaults(HardwareMode mode) {
            return new Options(mode, SysfsCpuFrequencyKnob.DEFAULT_ROOT, RaplEnergyMeter.DEFAULT_ROOT, new SysfsFiles(),
                    CommandRunner.system(), null, null, HttpPowerMeter.PAPER_INTERVAL, JnaNvml::open,
                    HostModelEnergyMeter.processCpuTime(), HostModelEnergyMeter.DEFAULT_WATTS_PER_CORE);
        }

        public Options withRoots(Path cpufreq, Path powercap) {
            return new Options(mode, cpufreq, powercap, files, commands, edgeMeter, cloudMeter, meterInterval, nvml,
                    cpuNanos, hostWattsPerCore);
        }

        public Options withFiles(SysfsFiles sysfs) {
            return new Options(mode, cpufreqRoot, powercapRoot, sysfs, commands, edgeMeter, cloudMeter, meterInterval,
                    nvml, cpuNanos, hostWattsPerCore);
        }

        public Options withCommands(CommandRunner runner) {
            return new Options(mode, cpufreqRoot, powercapRoot, files, runner, edgeMeter, cloudMeter, meterInterval,
                    nvml, cpuNanos, hostWattsPerCore);
        }

        public Options withMeters(URI edge, URI cloud, Duration interval) {
            return new Options(mode, cpufreqRoot, powercapRoot, files, commands, edge, cloud, interval, nvml, cpuNanos,
                    hostWattsPerCore);
        }

        public Options withNvml(Supplier<Nvml> loader) {
            return new Options(mode, cpufreqRoot, powercapRoot, files, commands, edgeMeter, cloudMeter, meterInterval,
                    loader, cpuNanos, hostWattsPerCore);
        }

        public Options withHostModel(LongSupplier processCpuNanos, double wattsPerCore) {
            return new Options(mode, cpufreqRoot, powercapRoot, files, commands, edgeMeter, cloudMeter, meterInterval,
                    nvml, processCpuNanos, wattsPerCore);
        }
    }

    public HardwareDetector(Options options) {
        this.options = Objects.requireNonNull(options);
    }

    public EdgeHardware detectEdge(TestbedModel profile) {
        String emulated = "emulated:" + profile.edgeDeviceClass();
        List<DriverChoice> choices = new ArrayList<>();
        boolean auto = options.mode() == HardwareMode.AUTO;

        CpuFrequencyKnob cpu;
        Availability a = auto ? SysfsCpuFrequencyKnob.probe(options.cpufreqRoot(), options.files()) : off();
        if (a.available()) {
            cpu = new SysfsCpuFrequencyKnob(options.cpufreqRoot(), options.files());
            choices.add(new DriverChoice("edge cpu-frequency", cpu.source(), true, a.reason()));
        } else {
            cpu = new EmulatedCpuFrequencyKnob(profile.edgeDeviceClass(), profile.cpuFrequenciesMhz());
            choices.add(new DriverChoice("edge cpu-frequency", emulated, false, a.reason()));
        }

        AcceleratorKnob accelerator;
        Availability gpu = auto ? NvidiaGpu.probe(options.commands()) : off();
        if (gpu.available()) {
            accelerator = new GpuAcceleratorKnob(gpu.reason());
            choices.add(new DriverChoice("edge accelerator", accelerator.source(), true,
                    "found " + gpu.reason() + "; std and max select it as the DJL device, but heads are still "
                            + "computed on the CPU (docs/hardware.md, GPU tails)"));
        } else {
            accelerator = new EmulatedAcceleratorKnob(profile.edgeDeviceClass());
            choices.add(new DriverChoice("edge accelerator", emulated, false, gpu.reason()
                    + (auto ? "; a Coral Edge TPU has no DJL engine" : "")));
        }

        String role = "edge energy-meter";
        if (!auto) {
            return new EdgeHardware(cpu, accelerator, new EmulatedEnergyMeter(profile.edgeDeviceClass()),
                    add(choices, new DriverChoice(role, emulated, false, off().reason())));
        }
        List<String> why = new ArrayList<>();
        EnergyMeter meter = httpMeter(options.edgeMeter(), why);
        if (meter == null) {
            meter = rapl(why);
        }
        if (meter != null) {
            choices.add(new DriverChoice(role, meter.source(), true, String.join("; ", why)));
            return new EdgeHardware(cpu, accelerator, meter, choices);
        }
        return hostModelOrEmulated(role, why, profile.edgeDeviceClass(), choices,
                m -> new EdgeHardware(cpu, accelerator, m, choices));
    }

    public CloudHardware detectCloud(TestbedModel profile, CloudEnergyAccounting accounting) {
        String emulated = "emulated:" + profile.cloudProfile();
        List<DriverChoice> choices = new ArrayList<>();
        boolean auto = options.mode() == HardwareMode.AUTO;

        CloudGpuKnob knob;
        Availability gpu = auto ? NvidiaGpu.probe(options.commands()) : off();
        if (gpu.available()) {
            knob = new GpuCloudKnob(gpu.reason());
            choices.add(new DriverChoice("cloud gpu", knob.source(), true, "found " + gpu.reason()
                    + "; cloud_gpu=on computes tails on it where the cloud node is the CUDA build (-Pcuda: "
                    + "PyTorch and ONNX Runtime with CUDA), else on the CPU (docs/hardware.md, GPU tails)"));
        } else {
            knob = new EmulatedCloudGpuKnob(profile.cloudProfile());
            choices.add(new DriverChoice("cloud gpu", emulated, false, gpu.reason()));
        }

        String role = "cloud energy-meter (" + accounting.wireName() + ")";
        if (!auto) {
            return new CloudHardware(knob, new EmulatedEnergyMeter(profile.cloudProfile()),
                    add(choices, new DriverChoice(role, emulated, false, off().reason())));
        }
        List<String> why = new ArrayList<>();
        if (accounting == CloudEnergyAccounting.GPU_MARGINAL) {
            // the GPU board's own energy: only a GPU meter can give it; a CPU model would be a different quantity
            EnergyMeter nvml = nvml(why);
            if (nvml != null) {
                return new CloudHardware(knob, nvml, add(choices, new DriverChoice(role, nvml.source(), true,
                        String.join("; ", why))));
            }
            return new CloudHardware(knob, new EmulatedEnergyMeter(profile.cloudProfile()),
                    add(choices, new DriverChoice(role, emulated, false, String.join("; ", why))));
        }
        EnergyMeter meter = httpMeter(options.cloudMeter(), why);
        if (meter == null) {
            EnergyMeter rapl = rapl(why);
            EnergyMeter nvml = nvml(why);
            if (rapl != null) {
                meter = nvml == null ? rapl : new SumEnergyMeter(List.of(rapl, nvml));
                if (nvml == null) {
                    why.add("counts only the CPU packages (no GPU meter)");
                }
            } else if (nvml != null) {
                // CPUs by the model, GPUs by NVML: the sum is labelled estimated
                HostModelEnergyMeter host = hostModel(why);
                if (host != null) {
                    EnergyMeter sum = new SumEnergyMeter(List.of(host, nvml));
                    return new CloudHardware(knob, sum, add(choices, new DriverChoice(role, sum.source(), false,
                            host.describe() + ", plus the GPUs by NVML; " + String.join("; ", why))));
                }
                meter = nvml;
                why.add("counts only the GPUs");
            }
        }
        if (meter != null) {
            choices.add(new DriverChoice(role, meter.source(), true, String.join("; ", why)));
            return new CloudHardware(knob, meter, choices);
        }
        return hostModelOrEmulated(role, why, profile.cloudProfile(), choices, m -> new CloudHardware(knob, m, choices));
    }

    /** The host model where the process CPU time can be read, else the emulated profile's meter; either way, why. */
    private <T> T hostModelOrEmulated(String role, List<String> why, String emulatedProfile, List<DriverChoice> choices,
                                      java.util.function.Function<EnergyMeter, T> hardware) {
        HostModelEnergyMeter host = hostModel(why);
        if (host != null) {
            choices.add(new DriverChoice(role, host.source(), false, host.describe() + "; no meter: "
                    + String.join("; ", why)));
            return hardware.apply(host);
        }
        choices.add(new DriverChoice(role, "emulated:" + emulatedProfile, false, String.join("; ", why)));
        return hardware.apply(new EmulatedEnergyMeter(emulatedProfile));
    }

    private HostModelEnergyMeter hostModel(List<String> why) {
        Availability a = HostModelEnergyMeter.probe(options.cpuNanos());
        if (!a.available()) {
            why.add("host model: " + a.reason());
            return null;
        }
        return new HostModelEnergyMeter(options.cpuNanos(), options.hostWattsPerCore());
    }

    private EnergyMeter httpMeter(URI uri, List<String> why) {
        if (uri == null) {
            why.add("no external power meter configured");
            return null;
        }
        Availability a = HttpPowerMeter.probe(uri, options.meterInterval().multipliedBy(5));
        why.add(a.reason());
        return a.available() ? new HttpPowerMeter(uri, options.meterInterval()) : null;
    }

    private EnergyMeter rapl(List<String> why) {
        Availability a = RaplEnergyMeter.probe(options.powercapRoot(), options.files());
        why.add("RAPL: " + a.reason());
        return a.available() ? new RaplEnergyMeter(options.powercapRoot(), options.files()) : null;
    }

    private EnergyMeter nvml(List<String> why) {
        try {
            NvmlEnergyMeter meter = NvmlEnergyMeter.open(options.nvml(), NvmlEnergyMeter.DEFAULT_INTERVAL);
            why.add("GPU energy: " + meter.inspection().description());
            return meter;
        } catch (HardwareException e) {
            why.add("GPU energy: " + e.getMessage());
            return null;
        }
    }

    private static List<DriverChoice> add(List<DriverChoice> choices, DriverChoice choice) {
        choices.add(choice);
        return choices;
    }

    private static Availability off() {
        return Availability.unavailable("hardware=emulated");
    }
}
