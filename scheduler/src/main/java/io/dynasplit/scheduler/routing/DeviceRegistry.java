package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.Topics;
import io.dynasplit.scheduler.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The edge devices this scheduler routes to, and the class of each (the Pareto store is kept per class). */
@ApplicationScoped
public class DeviceRegistry {
    private final Map<String, String> classByDevice;

    @Inject
    public DeviceRegistry(SchedulerConfig config) {
        this.classByDevice = parse(config.devices());
    }

    static Map<String, String> parse(String devices) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String item : devices.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
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
