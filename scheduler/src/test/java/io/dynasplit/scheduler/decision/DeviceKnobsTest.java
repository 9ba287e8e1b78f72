package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class DeviceKnobsTest {
    private static final SplitConfig HEAD = new SplitConfig("vgg16", 19, 1000, AcceleratorMode.MAX, true);
    private static final SplitConfig CLOUD_ONLY = new SplitConfig("vgg16", 0, 1800, AcceleratorMode.OFF, true);

    @Test
    void aHeadSwitchesTheKnobsAndQueuesBehindTheWorkBeforeIt() {
        DeviceKnobs first = DeviceKnobs.afterDispatch(null, HEAD, 100, 50, 1_000);
        assertEquals(HEAD, first.current());
        assertEquals(1_150, first.busyUntilDeviceMs(), 1e-9);
        DeviceKnobs second = DeviceKnobs.afterDispatch(first, HEAD, 0, 50, 1_010);
        assertEquals(1_200, second.busyUntilDeviceMs(), 1e-9, "after the first head, not from now");
        assertEquals(190, DeviceKnobs.stateAt(second, 1_010).queuedMs(), 1e-9);
    }

    @Test
    void layerZeroLeavesTheDeviceAsItWas() {
        DeviceKnobs busy = DeviceKnobs.afterDispatch(null, HEAD, 100, 50, 1_000);
        assertSame(busy, DeviceKnobs.afterDispatch(busy, CLOUD_ONLY, 0, 3, 1_010),
                "forwarded beside the queued heads: knobs and busy time unchanged");
        assertNull(DeviceKnobs.afterDispatch(null, CLOUD_ONLY, 0, 3, 1_010), "still never told any knobs");
    }
}
