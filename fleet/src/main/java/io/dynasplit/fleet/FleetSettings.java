package io.dynasplit.fleet;

import io.dynasplit.contracts.Topics;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What an emulated fleet runs: its devices, the testbed that prices their work, and the device clock.
 *
 * @param pacingSpeedup 0: publish each result at once with the device time it reports (the local stack's default);
 *                      s > 0: publish when the device would be done, device time running s times faster than the wall
 *                      clock. Queueing follows the same clock either way (the scheduler's device-clock speed-up must
 *                      match: 1 for 0, else s).
 * @param noise         draw each run from the testbed's measured spread (seeded by {@code seed} and the device's
 *                      index) instead of its noise-free prediction
 */
public record FleetSettings(String bootstrapServers, List<String> deviceIds, String testbed, double pacingSpeedup,
                            boolean noise, long seed) {

    public FleetSettings {
        deviceIds = List.copyOf(deviceIds);
        if (deviceIds.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one device");
        }
        for (String id : deviceIds) {
            if (!Topics.isValidDeviceId(id)) {
                throw new IllegalArgumentException("bad device id '" + id + "': it names the device's commands topic");
            }
        }
        if (new HashSet<>(deviceIds).size() != deviceIds.size()) {
            throw new IllegalArgumentException("device ids must be distinct");
        }
        if (!(pacingSpeedup >= 0) || Double.isInfinite(pacingSpeedup)) {
            throw new IllegalArgumentException("pacing speed-up must be 0 (no pacing) or positive, got " + pacingSpeedup);
        }
    }

    /** N devices on the paper testbed, not paced, noise-free. */
    public static FleetSettings of(String bootstrapServers, List<String> deviceIds) {
        return new FleetSettings(bootstrapServers, deviceIds, "paper", 0, false, 0);
    }

    public FleetSettings withPacingSpeedup(double speedup) {
        return new FleetSettings(bootstrapServers, deviceIds, testbed, speedup, noise, seed);
    }

    public FleetSettings withNoise(long noiseSeed) {
        return new FleetSettings(bootstrapServers, deviceIds, testbed, pacingSpeedup, true, noiseSeed);
    }

    /** The device clock's speed-up: device ms per wall ms. */
    public double clockSpeedup() {
        return pacingSpeedup > 0 ? pacingSpeedup : 1.0;
    }

    /** {@code prefix00000}, {@code prefix00001}, ...: {@code n} device ids that sort in order. */
    public static List<String> deviceIds(String prefix, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a fleet needs at least one device, got " + n);
        }
        return IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "%s%05d", prefix, i)).toList();
    }
}
