package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.DeviceState;

/**
 * What the scheduler believes about one edge device, as kept in the {@code devices} store: the knobs it was last told
 * to use ({@code null} while only cloud-only work was routed to it) and until when, in device time, it is busy with
 * the heads already routed to it.
 */
public record DeviceKnobs(SplitConfig current, double busyUntilDeviceMs) {

    /** The device as a decision sees it at device time {@code nowDeviceMs}; {@code knobs} null: never routed to. */
    public static DeviceState stateAt(DeviceKnobs knobs, double nowDeviceMs) {
        if (knobs == null) {
            return DeviceState.unknown();
        }
        return new DeviceState(knobs.current(), Math.max(0, knobs.busyUntilDeviceMs() - nowDeviceMs));
    }

    /**
     * The device after a routed command: it switches to {@code config}'s knobs and works {@code reconfigurationMs +
     * edgeMs} more, after what it was already busy with. Layer 0 changes nothing: it leaves the knobs as they are and
     * does not wait for, or add to, the heads queued on the board.
     */
    public static DeviceKnobs afterDispatch(DeviceKnobs before, SplitConfig config, double reconfigurationMs,
                                            double edgeMs, double nowDeviceMs) {
        if (!config.setsEdgeKnobs()) {
            // layer 0: the input is forwarded beside the queued heads; knobs and busy time stay as they were
            return before;
        }
        if (before == null) {
            return new DeviceKnobs(config.edgeKnobsAfter(null), nowDeviceMs + reconfigurationMs + edgeMs);
        }
        return new DeviceKnobs(config.edgeKnobsAfter(before.current()),
                Math.max(nowDeviceMs, before.busyUntilDeviceMs()) + reconfigurationMs + edgeMs);
    }
}
