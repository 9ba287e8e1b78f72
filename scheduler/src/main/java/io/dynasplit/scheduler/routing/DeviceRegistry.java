package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.Topics;
import io.dynasplit.scheduler.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The edge devices this scheduler routes to, and the class of each (the Pareto store is kept per class). */
@ApplicationScoped
public class DeviceRegistry {
    private final Map<String, String> classByDevice;

    @Inject
    public DeviceRegistry(SchedulerConfig config) {
        this.classByDevice = config.devicesFile().map(file -> read(Path.of(file))).orElseGet(() -> parse(config.devices()));
    }

    /** One {@code deviceId=deviceClass} per line or comma-separated; blank lines and {@code #} comments skipped. */
    static Map<String, String> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("dynasplit.scheduler.devices-file: cannot read " + file + ": " + e, e);
        }
    }

    static Map<String, String> parse(String devices) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String item : devices.split("[,\\n]")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new IllegalArgumentException("dynasplit.scheduler.devices: '" + trimmed
                        + "' is not deviceId=deviceClass");
            }
            String device = trimmed.substring(0, eq).trim();
            if (!Topics.isValidDeviceId(device)) {
                throw new IllegalArgumentException("dynasplit.scheduler.devices: bad device id '" + device + "'");
            }
            map.put(device, trimmed.substring(eq + 1).trim());
        }
        return Map.copyOf(map);
    }

    public Optional<String> deviceClass(String deviceId) {
        return Optional.ofNullable(classByDevice.get(deviceId));
    }

    public Map<String, String> all() {
        return classByDevice;
    }
}
