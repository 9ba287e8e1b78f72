package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.servicekit.time.DeviceClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceLedgerTest {
    private static final SplitConfig SPLIT = new SplitConfig("vgg16", 19, 800, AcceleratorMode.MAX, true);
    private static final SplitConfig CLOUD_ONLY = new SplitConfig("vgg16", 0, 1800, AcceleratorMode.OFF, true);

    @Test
    void cloudOnlyLeavesTheKnobsTheDeviceHas() {
        DeviceLedger ledger = new DeviceLedger(new DeviceClock(1));
        ledger.dispatched("pi-a", CLOUD_ONLY, 0, 9);
        assertNull(ledger.state("pi-a").currentConfig(), "cloud-only first: the knobs are still unknown");
        ledger.dispatched("pi-a", SPLIT, 137, 60_000);
        ledger.dispatched("pi-a", CLOUD_ONLY, 0, 9);
        assertEquals(SPLIT, ledger.state("pi-a").currentConfig(), "cloud-only set no knobs");
        assertTrue(ledger.state("pi-a").queuedMs() > 59_000, "its edge work still queues behind the split's");
        assertNull(ledger.state("pi-b").currentConfig());
    }
}
