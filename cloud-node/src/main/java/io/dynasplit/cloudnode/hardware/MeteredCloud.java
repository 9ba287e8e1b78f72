package io.dynasplit.cloudnode.hardware;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.hardware.EnergyMeter;

import java.util.function.Supplier;

/**
 * A cloud node whose energy comes from this machine's meter (RAPL, NVML, an external meter, or the host model)
 * instead of the emulated profile: the window is open exactly while the tail runs. Transfer and tail time stay the
 * wrapped node's. Tails that run side by side share the machine, so each window also holds the others' draw.
 */
public final class MeteredCloud implements CloudNode {
    private final CloudNode node;
    private final EnergyMeter meter;

    public MeteredCloud(CloudNode node, EnergyMeter meter) {
        this.node = node;
        this.meter = meter;
    }

    @Override
    public <T> Run<T> run(SplitConfig config, long tensorBytes, double measuredTransferMs, Supplier<T> tail) {
        double[] joules = new double[1];
        Run<T> run = node.run(config, tensorBytes, measuredTransferMs, () -> {
            EnergyMeter.Window window = meter.start();
            T output = tail.get();
            joules[0] = window.stopJoules();
            return output;
        });
        CloudWork w = run.work();
        return new Run<>(run.output(), new CloudWork(w.transferMs(), w.cloudMs(), joules[0], w.transferSource(),
                w.latencySource(), meter.source(), w.accounting()));
    }

    @Override
    public String describe() {
        return node.describe() + "; energy from " + meter.source() + " around each tail";
    }
}
