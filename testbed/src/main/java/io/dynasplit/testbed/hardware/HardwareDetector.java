package io.dynasplit.testbed.hardware;

import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.cpufreq.SysfsCpuFrequencyKnob;
import io.dynasplit.testbed.energy.EmulatedEnergyMeter;
import io.dynasplit.testbed.energy.HttpPowerMeter;
import io.dynasplit.testbed.energy.NvidiaSmiEnergyMeter;
import io.dynasplit.testbed.energy.RaplEnergyMeter;
import io.dynasplit.testbed.energy.SumEnergyMeter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks, at start-up, a real driver for each knob and meter where this machine has one and the emulated profile's
 * otherwise, and says for each which it chose and why the real one is unavailable.
 *
 * <ul>
 *   <li>edge CPU frequency: cpufreq sysfs with the userspace governor (needs root);</li>
 *   <li>edge accelerator: the GPU as a DJL device where an NVIDIA GPU exists (no Coral Edge TPU driver);</li>
 *   <li>edge energy: an external HTTP power meter when configured (whole board, as the paper), else RAPL (CPU
 *       package only);</li>
 *   <li>cloud GPU: a DJL device choice where an NVIDIA GPU exists;</li>
 *   <li>cloud energy: whole-node: an HTTP meter when configured, else RAPL plus nvidia-smi; gpu-marginal:
 *       nvidia-smi.</li>
 * </ul>
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
     */
    public record Options(HardwareMode mode, Path cpufreqRoot, Path powercapRoot, SysfsFiles files,
                          CommandRunner commands, URI edgeMeter, URI cloudMeter, Duration meterInterval) {
        public Options {
            Objects.requireNonNull(mode);
            Objects.requireNonNull(cpufreqRoot);
            Objects.requireNonNull(powercapRoot);
            Objects.requireNonNull(files);
            Objects.requireNonNull(commands);
            Objects.requireNonNull(meterInterval);
        }

        public static Options defaults(HardwareMode mode) {
            return new Options(mode, SysfsCpuFrequencyKnob.DEFAULT_ROOT, RaplEnergyMeter.DEFAULT_ROOT, new SysfsFiles(),
                    CommandRunner.system(), null, null, HttpPowerMeter.PAPER_INTERVAL);
        }

        public Options withRoots(Path cpufreq, Path powercap) {
            return new Options(mode, cpufreq, powercap, files, commands, edgeMeter, cloudMeter, meterInterval);
        }

        public Options withFiles(SysfsFiles sysfs) {
            return new Options(mode, cpufreqRoot, powercapRoot, sysfs, commands, edgeMeter, cloudMeter, meterInterval);
        }

        public Options withCommands(CommandRunner runner) {
            return new Options(mode, cpufreqRoot, powercapRoot, files, runner, edgeMeter, cloudMeter, meterInterval);
        }

        public Options withMeters(URI edge, URI cloud, Duration interval) {
            return new Options(mode, cpufreqRoot, powercapRoot, files, commands, edge, cloud, interval);
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
                    "std and max run the head on " + gpu.reason() + " through DJL"));
        } else {
            accelerator = new EmulatedAcceleratorKnob(profile.edgeDeviceClass());
            choices.add(new DriverChoice("edge accelerator", emulated, false, gpu.reason()
                    + (auto ? "; a Coral Edge TPU has no DJL engine" : "")));
        }

        List<String> why = new ArrayList<>();
        EnergyMeter meter = auto ? httpMeter(options.edgeMeter(), why) : null;
        if (meter == null && auto) {
            meter = rapl(why);
        }
        if (meter != null) {
            choices.add(new DriverChoice("edge energy-meter", meter.source(), true, String.join("; ", why)));
        } else {
            meter = new EmulatedEnergyMeter(profile.edgeDeviceClass());
            choices.add(new DriverChoice("edge energy-meter", emulated, false, auto ? String.join("; ", why) : off().reason()));
        }
        return new EdgeHardware(cpu, accelerator, meter, choices);
    }

    public CloudHardware detectCloud(TestbedModel profile, CloudEnergyAccounting accounting) {
        String emulated = "emulated:" + profile.cloudProfile();
        List<DriverChoice> choices = new ArrayList<>();
        boolean auto = options.mode() == HardwareMode.AUTO;

        CloudGpuKnob knob;
        Availability gpu = auto ? NvidiaGpu.probe(options.commands()) : off();
        if (gpu.available()) {
            knob = new GpuCloudKnob(gpu.reason());
            choices.add(new DriverChoice("cloud gpu", knob.source(), true, "tails run on " + gpu.reason() + " through DJL"));
        } else {
            knob = new EmulatedCloudGpuKnob(profile.cloudProfile());
            choices.add(new DriverChoice("cloud gpu", emulated, false, gpu.reason()));
        }

        List<String> why = new ArrayList<>();
        EnergyMeter meter = null;
        if (auto && accounting == CloudEnergyAccounting.GPU_MARGINAL) {
            meter = nvidiaSmi(why);
        } else if (auto) {
            meter = httpMeter(options.cloudMeter(), why);
            if (meter == null) {
                EnergyMeter rapl = rapl(why);
                EnergyMeter nvidia = nvidiaSmi(why);
                if (rapl != null && nvidia != null) {
                    meter = new SumEnergyMeter(List.of(rapl, nvidia));
                } else {
                    meter = rapl != null ? rapl : nvidia;
                    if (meter != null) {
                        why.add("counts only " + meter.source() + ", not the whole node");
                    }
                }
            }
        }
        String role = "cloud energy-meter (" + accounting.wireName() + ")";
        if (meter != null) {
            choices.add(new DriverChoice(role, meter.source(), true, String.join("; ", why)));
        } else {
            meter = new EmulatedEnergyMeter(profile.cloudProfile());
            choices.add(new DriverChoice(role, emulated, false, auto ? String.join("; ", why) : off().reason()));
        }
        return new CloudHardware(knob, meter, choices);
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

    private EnergyMeter nvidiaSmi(List<String> why) {
        Availability a = NvidiaSmiEnergyMeter.probe(options.commands());
        why.add("GPU energy: " + a.reason());
        return a.available() ? new NvidiaSmiEnergyMeter(options.commands()) : null;
    }

    private static Availability off() {
        return Availability.unavailable("hardware=emulated");
    }
}
