package io.dynasplit.edgenode.hardware;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.servicekit.time.DeviceClock;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * An edge board emulated on a testbed profile. The head runs for real on this host; the device time and energy
 * reported are the profile's, with its run-to-run spread. The board works one head at a time: a command that
 * arrives while it is busy (in device time) waits, and that wait is its queue time.
 */
public final class EmulatedEdgeDevice implements EdgeDevice {
    private final TestbedModel testbed;
    private final String source;
    private final DeviceClock clock;
    private final double pacingSpeedup;
    private final SplittableRandom rng;
    private SplitConfig current;
    private double busyUntilDeviceMs;

    /** @param pacingSpeedup sleep device time / this factor before returning; 0 reports device time without sleeping */
    public EmulatedEdgeDevice(TestbedModel testbed, String deviceId, double pacingSpeedup) {
        this.testbed = testbed;
        this.source = "emulated:" + testbed.edgeDeviceClass();
        this.clock = DeviceClock.forPacing(pacingSpeedup);
        this.pacingSpeedup = pacingSpeedup;
        this.rng = new SplittableRandom(deviceId.hashCode());
    }

    @Override
    public synchronized <T> Run<T> run(SplitConfig config, long arrivalMillis, Supplier<T> head) {
        double arrival = clock.deviceMillis(arrivalMillis);
        double start = Math.max(arrival, busyUntilDeviceMs);
        boolean reconfigure = config.needsEdgeReconfiguration(current);
        double reconfigurationMs = reconfigure ? testbed.sampleReconfigurationMs(current, config, rng) : 0;
        T output = head.get();
        Prediction run = testbed.sample(config, rng);
        double waitWatts = testbed.edgeIdleWatts(config);
        // the sample's edge energy covers the board's whole window; keep the head's part, add the switch
        double activeJ = run.edgeEnergyJ() - waitWatts * (run.transferMs() + run.cloudLatencyMs()) / 1000
                + waitWatts * reconfigurationMs / 1000;
        busyUntilDeviceMs = start + reconfigurationMs + run.edgeLatencyMs();
        current = config;
        pace();
        return new Run<>(output, new EdgeWork(start - arrival, reconfigurationMs, run.edgeLatencyMs(), activeJ, waitWatts,
                reconfigure, source, source));
    }

    /** With pacing on, returns only when the device would have finished, scaled by the speed-up. */
    private void pace() {
        if (pacingSpeedup <= 0) {
            return;
        }
        long sleep = Math.round(clock.wallMillis(busyUntilDeviceMs) - System.currentTimeMillis());
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String describe() {
        return "edge knobs and meter: emulated (" + source + ", testbed " + testbed.id() + ")";
    }
}
