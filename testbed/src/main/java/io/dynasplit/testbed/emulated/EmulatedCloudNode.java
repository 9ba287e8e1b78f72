package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One emulated cloud node (e.g. {@code paper-gpu-node}): the tail runs for real on this host and the node reports
 * the profile's device time and energy, under the testbed's cloud energy accounting. It has {@code slots} tails in
 * flight at most (1 = one by one, as the paper's server); further tails queue in device time. Thread-safe.
 */
public final class EmulatedCloudNode {
    private final TestbedModel testbed;
    private final EmulationOptions options;
    private final SplittableRandom rng;
    private final double[] slotBusyUntilWallMillis;
    private final String source;

    public EmulatedCloudNode(TestbedModel testbed, int slots, EmulationOptions options) {
        this.testbed = Objects.requireNonNull(testbed, "testbed");
        this.options = Objects.requireNonNull(options, "options");
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, got " + slots);
        }
        this.slotBusyUntilWallMillis = new double[slots];
        Arrays.fill(slotBusyUntilWallMillis, Double.NEGATIVE_INFINITY);
        this.rng = new SplittableRandom(options.seed());
        this.source = "emulated:" + testbed.cloudProfile();
    }

    /** {@code emulated:<cloud profile>}: the node's label; each run carries its model's own (see EdgeRun). */
    public String source() {
        return source;
    }

    /** {@code whole-node} or {@code gpu-marginal}. */
    public String accounting() {
        return testbed.cloudEnergyAccounting().wireName();
    }

    /**
     * Accounts the tail of {@code config} for a tensor of {@code tensorBytes} that arrived at {@code arrivalMillis}
     * (wall clock). Throws IllegalArgumentException for an invalid configuration or an edge-only one (no tail).
     */
    public synchronized CloudRun run(SplitConfig config, long tensorBytes, long arrivalMillis) {
        testbed.validate(config).ifPresent(reason -> {
            throw new IllegalArgumentException("cloud node cannot run " + config.label() + ": " + reason);
        });
        Prediction p = options.noise() ? testbed.sample(config, rng) : testbed.predict(config);
        if (p.cloudLatencyMs() <= 0) {
            throw new IllegalArgumentException(config.label() + " runs entirely on the edge: there is no tail");
        }
        double transferMs = testbed.transferMs(tensorBytes);
        if (options.noise()) {
            transferMs *= p.transferMs() / Math.max(1e-9, testbed.predict(config).transferMs());
        }
        int slot = 0;
        for (int i = 1; i < slotBusyUntilWallMillis.length; i++) {
            if (slotBusyUntilWallMillis[i] < slotBusyUntilWallMillis[slot]) {
                slot = i;
            }
        }
        double start = Math.max(arrivalMillis, slotBusyUntilWallMillis[slot]);
        double queueMs = (start - arrivalMillis) * options.speedup();
        slotBusyUntilWallMillis[slot] = start + p.cloudLatencyMs() / options.speedup();
        return new CloudRun(queueMs, transferMs, p.cloudLatencyMs(), p.cloudEnergyJ(), accounting(),
                slotBusyUntilWallMillis[slot], testbed.cloudSource(config.model()));
    }

    /** Accounts the tail, then runs {@code tail} on this host; the host's own time is measured beside it. */
    public <T> Ran<T> run(SplitConfig config, long tensorBytes, long arrivalMillis, Supplier<T> tail) {
        CloudRun run = run(config, tensorBytes, arrivalMillis);
        long t0 = System.nanoTime();
        T output = tail.get();
        return new Ran<>(output, run, (System.nanoTime() - t0) / 1e6);
    }

    public boolean pace(CloudRun run) {
        return Pacing.sleepUntil(run.finishWallMillis(), options.clock());
    }

    /** Network time (ms) the profile gives {@code bytes} of tensor. */
    public double transferMs(long bytes) {
        return testbed.transferMs(bytes);
    }

    public record Ran<T>(T output, CloudRun run, double hostMs) {
    }
}
