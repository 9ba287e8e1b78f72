package io.dynasplit.cloudnode.hardware;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The cloud node emulated on a testbed profile: the tail runs for real on this host; the transfer and tail device
 * times and the node's energy reported are the profile's, with its run-to-run spread. Transfer time follows the
 * size of the frame that actually crossed the network.
 */
public final class EmulatedCloudNode implements CloudNode {
    private final TestbedModel testbed;
    private final String source;
    private final double pacingSpeedup;
    private final SplittableRandom rng;

    public EmulatedCloudNode(TestbedModel testbed, String nodeId, double pacingSpeedup) {
        this.testbed = testbed;
        this.source = "emulated:" + testbed.cloudProfile();
        this.pacingSpeedup = pacingSpeedup;
        this.rng = new SplittableRandom(nodeId.hashCode());
    }

    @Override
    public <T> Run<T> run(SplitConfig config, long tensorBytes, double measuredTransferMs, Supplier<T> tail) {
        long t0 = System.nanoTime();
        T output = tail.get();
        Prediction run;
        synchronized (rng) {
            run = testbed.sample(config, rng);
        }
        double transferMs = testbed.transferMs(tensorBytes) * (run.transferMs() > 0
                ? run.transferMs() / testbed.predict(config).transferMs() : 1.0);
        pace(transferMs + run.cloudLatencyMs(), t0);
        return new Run<>(output, new CloudWork(transferMs, run.cloudLatencyMs(), run.cloudEnergyJ(), source, source,
                source, testbed.cloudEnergyAccounting().wireName()));
    }

    private void pace(double deviceMs, long startNanos) {
        if (pacingSpeedup <= 0) {
            return;
        }
        long sleep = Math.round(deviceMs / pacingSpeedup - (System.nanoTime() - startNanos) / 1e6);
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
        return "cloud GPU switch and meter: emulated (" + source + ", testbed " + testbed.id() + ", accounting "
                + testbed.cloudEnergyAccounting().wireName() + ")";
    }
}
