package io.dynasplit.testbed.cpufreq;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.CpuFrequencyKnob;
import io.dynasplit.testbed.hardware.HardwareException;
import io.dynasplit.testbed.hardware.SysfsFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Linux cpufreq knob through sysfs, as the paper set its Raspberry Pi: switch every policy to the
 * {@code userspace} governor, write the frequency (kHz) to {@code scaling_setspeed}, and check
 * {@code scaling_cur_freq}. Needs write access to sysfs (root). The root is a parameter
 * ({@code /sys/devices/system/cpu} on a real machine) so that tests can use a fake tree.
 */
public final class SysfsCpuFrequencyKnob implements CpuFrequencyKnob {
    public static final Path DEFAULT_ROOT = Path.of("/sys/devices/system/cpu");
    private static final String USERSPACE = "userspace";

    private final Path root;
    private final SysfsFiles files;
    private final List<Path> policies;

    /** Use after {@link #probe} says it is available; throws {@link HardwareException} otherwise. */
    public SysfsCpuFrequencyKnob(Path root, SysfsFiles files) {
        this.root = root;
        this.files = files;
        Availability a = probe(root, files);
        if (!a.available()) {
            throw new HardwareException(a.reason());
        }
        this.policies = policies(root);
    }

    public SysfsCpuFrequencyKnob(Path root) {
        this(root, new SysfsFiles());
    }

    /** Whether this machine's cpufreq can be driven, and if not, why. */
    public static Availability probe(Path root, SysfsFiles files) {
        List<Path> policies = policies(root);
        if (policies.isEmpty()) {
            return Availability.unavailable("no cpufreq policies under " + root + " (no cpufreq/policy*/ or cpu*/cpufreq/)");
        }
        for (Path p : policies) {
            Path governors = p.resolve("scaling_available_governors");
            try {
                List<String> available = Arrays.asList(files.read(governors).split("\\s+"));
                if (!available.contains(USERSPACE)) {
                    return Availability.unavailable(p + " offers no 'userspace' governor (available: "
                            + String.join(" ", available) + ")");
                }
            } catch (IOException e) {
                return Availability.unavailable("cannot read " + governors + ": " + e);
            }
            for (String attr : List.of("scaling_governor", "scaling_setspeed")) {
                Path f = p.resolve(attr);
                if (!files.exists(f)) {
                    return Availability.unavailable(f + " does not exist");
                }
                if (!files.writable(f)) {
                    return Availability.unavailable(f + " is not writable (setting the CPU frequency needs root)");
                }
            }
            if (!files.exists(p.resolve("scaling_cur_freq"))) {
                return Availability.unavailable(p.resolve("scaling_cur_freq") + " does not exist");
            }
        }
        return Availability.ok("cpufreq sysfs at " + root + " (" + policies.size() + " policies)");
    }

    @Override
    public String source() {
        return "cpufreq-sysfs:" + root;
    }

    @Override
    public List<Integer> availableMhz() {
        Path p = policies.get(0);
        try {
            Path list = p.resolve("scaling_available_frequencies");
            if (files.exists(list)) {
                return Arrays.stream(files.read(list).split("\\s+")).filter(s -> !s.isBlank())
                        .map(s -> (int) (Long.parseLong(s) / 1000)).sorted().distinct().toList();
            }
            int min = (int) (Long.parseLong(files.read(p.resolve("cpuinfo_min_freq"))) / 1000);
            int max = (int) (Long.parseLong(files.read(p.resolve("cpuinfo_max_freq"))) / 1000);
            return min == max ? List.of(min) : List.of(min, max);
        } catch (IOException | NumberFormatException e) {
            throw new HardwareException("cannot read the available frequencies under " + p + ": " + e, e);
        }
    }

    @Override
    public void setMhz(int mhz) {
        String khz = Long.toString(mhz * 1000L);
        for (Path p : policies) {
            try {
                if (!USERSPACE.equals(files.read(p.resolve("scaling_governor")))) {
                    files.write(p.resolve("scaling_governor"), USERSPACE);
                }
                files.write(p.resolve("scaling_setspeed"), khz);
                String now = files.read(p.resolve("scaling_cur_freq"));
                if (!now.equals(khz)) {
                    throw new HardwareException(p + ": scaling_cur_freq reads " + now + " kHz after setting " + khz
                            + " kHz (the frequency did not take)");
                }
            } catch (IOException e) {
                throw new HardwareException("cannot set " + mhz + " MHz under " + p + ": " + e, e);
            }
        }
    }

    @Override
    public int currentMhz() {
        try {
            return (int) (Long.parseLong(files.read(policies.get(0).resolve("scaling_cur_freq"))) / 1000);
        } catch (IOException | NumberFormatException e) {
            throw new HardwareException("cannot read scaling_cur_freq under " + policies.get(0) + ": " + e, e);
        }
    }

    /** cpufreq/policy* when the kernel has them (one per cluster), else every cpu*\/cpufreq. */
    static List<Path> policies(Path root) {
        List<Path> found = new ArrayList<>();
        Path policyDir = root.resolve("cpufreq");
        if (Files.isDirectory(policyDir)) {
            try (Stream<Path> s = Files.list(policyDir)) {
                s.filter(p -> p.getFileName().toString().matches("policy\\d+") && Files.isDirectory(p))
                        .sorted().forEach(found::add);
            } catch (IOException e) {
                return List.of();
            }
        }
        if (found.isEmpty() && Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(p -> p.getFileName().toString().matches("cpu\\d+"))
                        .map(p -> p.resolve("cpufreq")).filter(Files::isDirectory).sorted().forEach(found::add);
            } catch (IOException e) {
                return List.of();
            }
        }
        return found;
    }
}
