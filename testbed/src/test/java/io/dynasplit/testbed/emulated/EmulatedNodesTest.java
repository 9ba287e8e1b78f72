package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatedNodesTest {
    private static final PaperTestbed TESTBED = new PaperTestbed();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final EmulationOptions options = EmulationOptions.defaults().withClock(clock::get);

    private static SplitConfig cfg(int layer, int mhz, AcceleratorMode mode) {
        return new SplitConfig("vgg16", layer, mhz, mode, true);
    }

    @Test
    void edgeReportsDeviceTimeAndEnergyOfTheProfile() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options);
        SplitConfig c = cfg(17, 1600, AcceleratorMode.MAX);
        EdgeRun run = device.run(c, clock.get());
        Prediction p = TESTBED.predict(c);
        assertEquals("emulated:paper-pi4-coral", run.source());
        assertTrue(run.reconfigured(), "the first command sets the knobs");
        assertEquals(137, run.reconfigurationMs());
        assertEquals(0, run.queueMs());
        assertEquals(p.edgeLatencyMs(), run.edgeMs(), 1e-9);
        assertEquals(TESTBED.edgeIdleWatts(c), run.waitWatts(), 1e-12);
        assertEquals(p.edgeEnergyJ(), run.edgeActiveJ() + run.waitWatts() * (p.transferMs() + p.cloudLatencyMs()) / 1000, 1e-9);
        assertEquals(p.tensorKb(), run.tensorKb(), 1e-9);
        assertEquals(c, device.currentKnobs());
    }

    @Test
    void commandsQueueOnTheDeviceTimelineAndReconfigureOnlyOnChange() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options);
        long t = clock.get();
        EdgeRun first = device.run(cfg(22, 800, AcceleratorMode.STD), t);
        EdgeRun second = device.run(cfg(22, 800, AcceleratorMode.STD), t);
        assertFalse(second.reconfigured());
        assertEquals(0, second.reconfigurationMs());
        assertEquals(first.reconfigurationMs() + first.edgeMs(), second.queueMs(), 1e-6);
        EdgeRun third = device.run(cfg(22, 1200, AcceleratorMode.STD), t + 10_000);
        assertEquals(0, third.queueMs(), "the device is idle again by then");
        assertEquals(116, third.reconfigurationMs(), "frequency only");
        EdgeRun fourth = device.run(cfg(3, 1200, AcceleratorMode.STD), t + 20_000);
        assertFalse(fourth.reconfigured(), "a new split layer is not a knob");
    }

    @Test
    void anInjectedDriftSlowsEveryHeadFromItsCommandOnAndLeavesTheRestAsProfiled() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options.withDrift(new BoardDrift(2.0, 2)));
        SplitConfig head = cfg(17, 1600, AcceleratorMode.MAX);
        SplitConfig cloudOnly = cfg(0, 1800, AcceleratorMode.OFF);
        long t = clock.get();
        EdgeRun before = device.run(head, t);
        EdgeRun layerZero = device.run(cloudOnly, t + 10_000);
        EdgeRun drifted = device.run(head, t + 20_000);
        EdgeRun layerZeroAfter = device.run(cloudOnly, t + 30_000);
        Prediction p = TESTBED.predict(head);
        assertEquals(p.edgeLatencyMs(), before.edgeMs(), 1e-9, "commands 0 and 1 run as profiled");
        assertEquals(2 * p.edgeLatencyMs(), drifted.edgeMs(), 1e-9, "from command 2 on: twice the head's time");
        assertEquals(2 * before.edgeActiveJ(), drifted.edgeActiveJ(), 1e-9, "and twice its computing energy");
        assertEquals(before.waitWatts(), drifted.waitWatts(), 1e-12, "the waiting draw is the board's as before");
        assertEquals(layerZero.edgeMs(), layerZeroAfter.edgeMs(), 1e-9, "layer 0 runs no head: not slowed");

        DriftedTestbed board = DriftedTestbed.board(TESTBED, 2.0);
        Prediction q = board.predict(head);
        assertEquals(p.transferMs(), q.transferMs(), 1e-9);
        assertEquals(p.cloudLatencyMs(), q.cloudLatencyMs(), 1e-9);
        assertEquals(p.cloudEnergyJ(), q.cloudEnergyJ(), 1e-9);
        assertEquals(p.edgeEnergyJ() + before.edgeActiveJ(), q.edgeEnergyJ(), 1e-9, "the computing energy once more");
        assertEquals(TESTBED.predict(cloudOnly), board.predict(cloudOnly));
        assertThrows(IllegalArgumentException.class, () -> new BoardDrift(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BoardDrift(1.5, -1));
    }

    @Test
    void layerZeroIsForwardedBesideTheQueuedHeadsAndKeepsTheBoardNoLonger() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options);
        long t = clock.get();
        EdgeRun head = device.run(cfg(22, 800, AcceleratorMode.STD), t);
        EdgeRun cloudOnly = device.run(cfg(0, 1800, AcceleratorMode.OFF), t);
        assertEquals(0, cloudOnly.queueMs(), "no wait behind the head: the board forwards the input");
        assertEquals(t + cloudOnly.edgeMs(), cloudOnly.finishWallMillis(), 1e-6);
        EdgeRun nextHead = device.run(cfg(22, 800, AcceleratorMode.STD), t);
        assertEquals(head.reconfigurationMs() + head.edgeMs(), nextHead.queueMs(), 1e-6,
                "the next head waits for the first head only");
    }

    @Test
    void layerZeroLeavesTheKnobsAndWaitsAtTheirPower() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options);
        long t = clock.get();
        SplitConfig edgeOnly = cfg(22, 800, AcceleratorMode.STD);
        device.run(edgeOnly, t);
        SplitConfig cloudOnly = cfg(0, 1800, AcceleratorMode.OFF);
        EdgeRun cloud = device.run(cloudOnly, t + 10_000);
        assertFalse(cloud.reconfigured(), "nothing runs on the edge: its knobs stay");
        assertEquals(0, cloud.reconfigurationMs());
        assertEquals(edgeOnly, device.currentKnobs());
        assertEquals(TESTBED.edgeIdleWatts(edgeOnly), cloud.waitWatts(), 1e-12, "the board waits at its own knobs' power");
        EdgeRun back = device.run(edgeOnly, t + 20_000);
        assertFalse(back.reconfigured(), "back to the edge without a switch");
    }

    @Test
    void speedupShortensWallTimeButNotDeviceTime() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options.withSpeedup(10));
        long t = clock.get();
        EdgeRun first = device.run(cfg(22, 1800, AcceleratorMode.OFF), t);
        assertEquals(t + (first.reconfigurationMs() + first.edgeMs()) / 10, first.finishWallMillis(), 1e-6);
        long later = t + 100;
        EdgeRun second = device.run(cfg(22, 1800, AcceleratorMode.OFF), later);
        assertEquals((first.finishWallMillis() - later) * 10, second.queueMs(), 1e-6);
    }

    @Test
    void concurrentCommandsNeverOverlapOnTheDevice() throws Exception {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options.withNoise(4));
        long t = clock.get();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<EdgeRun>> futures = new ArrayList<>();
        int[] mhz = {600, 1200, 1800};
        for (int i = 0; i < 200; i++) {
            SplitConfig c = cfg(1 + i % 21, mhz[i % 3], AcceleratorMode.values()[i % 3]);
            futures.add(pool.submit(() -> device.run(c, t)));
        }
        List<EdgeRun> runs = new ArrayList<>();
        for (Future<EdgeRun> f : futures) {
            runs.add(f.get());
        }
        pool.shutdown();
        double busy = runs.stream().mapToDouble(r -> r.reconfigurationMs() + r.edgeMs()).sum();
        double lastFinish = runs.stream().mapToDouble(r -> r.queueMs() + r.reconfigurationMs() + r.edgeMs()).max().orElseThrow();
        assertEquals(busy, lastFinish, 1e-6, "back to back, in some order");
        List<Double> starts = new ArrayList<>(runs.stream().map(EdgeRun::queueMs).toList());
        Collections.sort(starts);
        assertEquals(runs.size(), starts.stream().distinct().count(), "no two commands start together");
    }

    @Test
    void invalidCommandsLeaveTheDeviceAsItWas() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options);
        SplitConfig ok = cfg(5, 1200, AcceleratorMode.OFF);
        device.run(ok, clock.get());
        assertThrows(IllegalArgumentException.class,
                () -> device.run(new SplitConfig("vit-b16", 5, 1200, AcceleratorMode.MAX, true), clock.get()));
        assertEquals(ok, device.currentKnobs());
    }

    @Test
    void runsTheRealHeadBesideTheAccount() {
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1", options);
        EmulatedEdgeDevice.Ran<String> ran = device.run(cfg(5, 1200, AcceleratorMode.OFF), clock.get(), () -> "head");
        assertEquals("head", ran.output());
        assertTrue(ran.hostMs() >= 0);
        assertTrue(ran.run().edgeMs() > 100, "device time, not host time");
    }

    @Test
    void pacingSleepsUntilTheDeviceWouldBeDone() {
        long start = System.currentTimeMillis();
        EmulatedEdgeDevice device = new EmulatedEdgeDevice(TESTBED, "pi-1",
                EmulationOptions.defaults().withSpeedup(20));
        EdgeRun run = device.run(cfg(22, 1800, AcceleratorMode.MAX), start);
        assertTrue(device.pace(run));
        double expected = (run.reconfigurationMs() + run.edgeMs()) / 20;
        assertTrue(System.currentTimeMillis() - start >= expected - 1, "slept about " + expected + " ms");
    }

    @Test
    void cloudNodeQueuesPerSlotAndCountsEnergyAsConfigured() {
        SplitConfig c = cfg(10, 1800, AcceleratorMode.MAX);
        EmulatedCloudNode one = new EmulatedCloudNode(TESTBED, 1, options);
        long t = clock.get();
        CloudRun a = one.run(c, 200_000, t);
        CloudRun b = one.run(c, 200_000, t);
        assertEquals("emulated:paper-gpu-node", a.source());
        assertEquals("whole-node", a.accounting());
        assertEquals(TESTBED.predict(c).cloudLatencyMs(), a.cloudMs(), 1e-9);
        assertEquals(TESTBED.predict(c).cloudEnergyJ(), a.cloudJ(), 1e-9);
        assertEquals(TESTBED.transferMs(200_000), a.transferMs(), 1e-9);
        assertEquals(0, a.queueMs());
        assertEquals(a.cloudMs(), b.queueMs(), 1e-6);

        EmulatedCloudNode two = new EmulatedCloudNode(TESTBED.withAccounting(CloudEnergyAccounting.GPU_MARGINAL), 2, options);
        CloudRun x = two.run(c, 200_000, t);
        CloudRun y = two.run(c, 200_000, t);
        CloudRun z = two.run(c, 200_000, t);
        assertEquals(0, y.queueMs(), "second slot");
        assertEquals(x.cloudMs(), z.queueMs(), 1e-6);
        assertEquals("gpu-marginal", x.accounting());
        assertTrue(x.cloudJ() < a.cloudJ() / 5, "the GPU board draws a fraction of the node");
    }

    @Test
    void cloudNodeRejectsEdgeOnlyConfigurations() {
        EmulatedCloudNode node = new EmulatedCloudNode(TESTBED, 1, options);
        assertThrows(IllegalArgumentException.class,
                () -> node.run(new SplitConfig("vgg16", 22, 1800, AcceleratorMode.MAX, false), 0, clock.get()));
        assertThrows(IllegalArgumentException.class, () -> new EmulatedCloudNode(TESTBED, 0, options));
    }
}
