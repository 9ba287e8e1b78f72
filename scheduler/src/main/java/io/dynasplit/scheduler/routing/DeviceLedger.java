package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.servicekit.time.DeviceClock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the scheduler believes about each edge device: the knobs it was last told to use, and until when (device
 * time) it is busy with the heads already routed to it. Queueing follows device time, as the edge reports it.
 */
public final class DeviceLedger {
    private record Entry(SplitConfig current, double busyUntilDeviceMs) {
    }

    private final ConcurrentMap<String, Entry> devices = new ConcurrentHashMap<>();
    private final DeviceClock clock;

    public DeviceLedger(DeviceClock clock) {
        this.clock = clock;
    }

    public DeviceState state(String deviceId) {
        Entry e = devices.get(deviceId);
        if (e == null) {
            return DeviceState.unknown();
        }
        return new DeviceState(e.current(), Math.max(0, e.busyUntilDeviceMs() - clock.nowMillis()));
    }

    /**
     * Records a routed command: the device switches to {@code config}'s knobs (layer 0 leaves them as they are) and
     * works {@code edgeMs} more.
     */
    public void dispatched(String deviceId, SplitConfig config, double reconfigurationMs, double edgeMs) {
        double now = clock.nowMillis();
        devices.merge(deviceId, new Entry(config.edgeKnobsAfter(null), now + reconfigurationMs + edgeMs),
                (old, fresh) -> new Entry(config.edgeKnobsAfter(old.current()),
                        Math.max(now, old.busyUntilDeviceMs()) + reconfigurationMs + edgeMs));
    }
}
