package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.Availability;
import io.dynasplit.testbed.hardware.EnergyMeter;
import io.dynasplit.testbed.hardware.HardwareException;
import io.dynasplit.testbed.hardware.SysfsFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU energy from Intel/AMD RAPL through the Linux powercap interface: each zone's {@code energy_uj} counter is
 * read at both ends of a window; a counter that wrapped around adds {@code max_energy_range_uj}. Counts the
 * {@code psys} (platform) zone when the machine has one, else every package zone (which include their cores).
 * A window must be shorter than one wrap of the counter (tens of minutes at typical power).
 *
 * <p>Since Linux 5.10 {@code energy_uj} is readable by root only (CVE-2020-8694, "Platypus").
 */
public final class RaplEnergyMeter implements EnergyMeter {
    public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

    private final SysfsFiles files;
    private final List<Path> zones;

    public RaplEnergyMeter(Path root, SysfsFiles files) {
        this.files = files;
        Availability a = probe(root, files);
        if (!a.available()) {
            throw new HardwareException(a.reason());
        }
        this.zones = zones(root, files);
    }

    public RaplEnergyMeter(Path root) {
        this(root, new SysfsFiles());
    }

    public static Availability probe(Path root, SysfsFiles files) {
        if (!Files.isDirectory(root)) {
            return Availability.unavailable("no powercap interface at " + root + " (no intel_rapl driver, or not x86)");
        }
        List<Path> zones = zones(root, files);
        if (zones.isEmpty()) {
            return Availability.unavailable("no RAPL package or psys zone under " + root);
        }
        for (Path z : zones) {
            try {
                Long.parseLong(files.read(z.resolve("energy_uj")));
                Long.parseLong(files.read(z.resolve("max_energy_range_uj")));
            } catch (AccessDeniedException e) {
                return Availability.unavailable(z.resolve("energy_uj") + " is readable by root only since Linux 5.10 "
                        + "(CVE-2020-8694): run as root or grant read access");
            } catch (IOException | NumberFormatException e) {
                return Availability.unavailable("cannot read " + z.resolve("energy_uj") + ": " + e);
            }
        }
        return Availability.ok("RAPL powercap at " + root + " (" + zones.size() + " zones)");
    }

    @Override
    public String source() {
        return "measured:rapl";
    }

    @Override
    public Window start() {
        long[] begin = read();
        return () -> {
            long[] end = read();
            double microjoules = 0;
            for (int i = 0; i < zones.size(); i++) {
                microjoules += delta(begin[i], end[i], maxRange(zones.get(i)));
            }
            return microjoules / 1e6;
        };
    }

    /** Counter difference, allowing for one wrap-around of a counter that counts up to {@code maxRange}. */
    static long delta(long begin, long end, long maxRange) {
        return end >= begin ? end - begin : end + maxRange - begin;
    }

    private long[] read() {
        long[] v = new long[zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            try {
                v[i] = Long.parseLong(files.read(zones.get(i).resolve("energy_uj")));
            } catch (IOException | NumberFormatException e) {
                throw new HardwareException("cannot read " + zones.get(i).resolve("energy_uj") + ": " + e, e);
            }
        }
        return v;
    }

    private long maxRange(Path zone) {
        try {
            return Long.parseLong(files.read(zone.resolve("max_energy_range_uj")));
        } catch (IOException | NumberFormatException e) {
            throw new HardwareException("cannot read " + zone.resolve("max_energy_range_uj") + ": " + e, e);
        }
    }

    /** Top-level RAPL zones (intel-rapl:N): psys alone when present (it covers the platform), else the packages. */
    static List<Path> zones(Path root, SysfsFiles files) {
        List<Path> top;
        try (Stream<Path> s = Files.list(root)) {
            top = s.filter(p -> p.getFileName().toString().matches("intel-rapl:\\d+")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        List<Path> psys = top.stream().filter(z -> name(files, z).startsWith("psys")).toList();
        if (!psys.isEmpty()) {
            return psys;
        }
        return top.stream().filter(z -> name(files, z).startsWith("package")).toList();
    }

    private static String name(SysfsFiles files, Path zone) {
        try {
            return files.read(zone.resolve("name"));
        } catch (IOException e) {
            return "";
        }
    }
}
