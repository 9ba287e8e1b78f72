package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One emulated edge board (e.g. {@code paper-pi4-coral}). The node runs the real head on its host and asks this
 * device what the board would have spent: it keeps the board's knobs (reconfiguring only when the CPU frequency or
 * accelerator mode changes; layer 0 runs nothing on the board and leaves them) and the time until which the board is
 * busy, in device time, so that heads queue as they would on the board. A layer-0 command does not queue: the board
 * forwards its input beside the heads before it, and it keeps the board busy no longer. Thread-safe: concurrent commands are
 * serialised on the device timeline.
 */
public final class EmulatedEdgeDevice {
    private final TestbedModel testbed;
    /** The testbed as the board runs once its drift has begun ({@code testbed} itself when it never drifts). */
    private final TestbedModel drifted;
    private final String deviceId;
    private final EmulationOptions options;
    private final SplittableRandom rng;
    private final String source;
    private SplitConfig knobs;
    private double busyUntilWallMillis = Double.NEGATIVE_INFINITY;
    private long commands;

    public EmulatedEdgeDevice(TestbedModel testbed, String deviceId, EmulationOptions options) {
        this.testbed = Objects.requireNonNull(testbed, "testbed");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.options = Objects.requireNonNull(options, "options");
        this.drifted = options.drift().drifts() ? DriftedTestbed.board(testbed, options.drift().factor()) : testbed;
        this.rng = new SplittableRandom(options.seed());
        this.source = "emulated:" + testbed.edgeDeviceClass();
    }

    public String deviceId() {
        return deviceId;
    }

    /**
     * {@code emulated:<edge device class>}: the device's label. Each run carries its model's own label, which is
     * {@code estimated:<edge device class>} for a network priced from its split point table.
     */
    public String source() {
        return source;
    }

    /** The knobs the board is set to now (null before the first command). */
    public synchronized SplitConfig currentKnobs() {
        return knobs;
    }

    /**
     * Accounts one command that arrived at {@code arrivalMillis} (wall clock): queue behind earlier commands,
     * reconfigure if the knobs change, run the head. Throws IllegalArgumentException for a configuration the
     * testbed cannot run (the device's state is then unchanged).
     */
    public synchronized EdgeRun run(SplitConfig config, long arrivalMillis) {
        testbed.validate(config).ifPresent(reason -> {
            throw new IllegalArgumentException("device " + deviceId + " cannot run " + config.label() + ": " + reason);
        });
        TestbedModel board = commands++ >= options.drift().fromCommand() ? drifted : testbed;
        Prediction p = options.noise() ? board.sample(config, rng) : board.predict(config);
        boolean reconfigured = config.needsEdgeReconfiguration(knobs);
        double reconfigurationMs = !reconfigured ? 0 : options.noise()
                ? testbed.sampleReconfigurationMs(knobs, config, rng) : testbed.reconfigurationMs(knobs, config);
        double profileWaitWatts = testbed.edgeIdleWatts(config);
        double activeJ = p.edgeEnergyJ() - profileWaitWatts * (p.transferMs() + p.cloudLatencyMs()) / 1000;
        SplitConfig after = config.edgeKnobsAfter(knobs);
        // layer 0 leaves the knobs as they are: the board then waits at their power, not at the profile's
        double waitWatts = after == null || after == config ? profileWaitWatts : testbed.edgeIdleWatts(after);

        double finishWallMillis;
        double queueMs;
        if (config.setsEdgeKnobs()) {
            double start = Math.max(arrivalMillis, busyUntilWallMillis);
            queueMs = (start - arrivalMillis) * options.speedup();
            busyUntilWallMillis = start + (reconfigurationMs + p.edgeLatencyMs()) / options.speedup();
            finishWallMillis = busyUntilWallMillis;
        } else {
            // layer 0 runs nothing on the board: its input is forwarded at once, beside the heads queued before it
            queueMs = 0;
            finishWallMillis = arrivalMillis + p.edgeLatencyMs() / options.speedup();
        }
        knobs = after;
        return new EdgeRun(queueMs, reconfigurationMs, p.edgeLatencyMs(), Math.max(0, activeJ),
                waitWatts * reconfigurationMs / 1000, waitWatts, p.tensorKb(), reconfigured, finishWallMillis,
                testbed.edgeSource(config.model()));
    }

    /** Accounts the command, then runs {@code head} on this host; the host's own time is measured beside it. */
    public <T> Ran<T> run(SplitConfig config, long arrivalMillis, Supplier<T> head) {
        EdgeRun run = run(config, arrivalMillis);
        long t0 = System.nanoTime();
        T output = head.get();
        double hostMs = (System.nanoTime() - t0) / 1e6;
        return new Ran<>(output, run, hostMs);
    }

    /** Sleeps until the board would have finished {@code run} (pacing at the options' speedup). */
    public boolean pace(EdgeRun run) {
        return Pacing.sleepUntil(run.finishWallMillis(), options.clock());
    }

    /** Network time (ms) the profile gives {@code bytes} of tensor from this edge to the cloud. */
    public double transferMs(long bytes) {
        return testbed.transferMs(bytes);
    }

    /** A head's output with the device's account and the host's measured time. */
    public record Ran<T>(T output, EdgeRun run, double hostMs) {
    }
}
