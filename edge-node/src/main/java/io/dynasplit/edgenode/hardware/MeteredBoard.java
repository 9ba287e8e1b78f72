package io.dynasplit.edgenode.hardware;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.hardware.EnergyMeter;

import java.util.function.Supplier;

/**
 * A board whose energy comes from this machine's meter (RAPL, an external meter, or the host model) instead of the
 * emulated profile: the window is open exactly while the head runs. Device time, queueing and knob switches stay the
 * wrapped board's. The board's draw while it waits for the cloud is not metered here, so it is reported as 0 W.
 */
public final class MeteredBoard implements EdgeDevice {
    private final EdgeDevice board;
    private final EnergyMeter meter;

    public MeteredBoard(EdgeDevice board, EnergyMeter meter) {
        this.board = board;
        this.meter = meter;
    }

    @Override
    public <T> Run<T> run(SplitConfig config, long arrivalMillis, Supplier<T> head) {
        double[] joules = new double[1];
        Run<T> run = board.run(config, arrivalMillis, () -> {
            EnergyMeter.Window window = meter.start();
            T output = head.get();
            joules[0] = window.stopJoules();
            return output;
        });
        EdgeWork w = run.work();
        return new Run<>(run.output(), new EdgeWork(w.queueMs(), w.reconfigurationMs(), w.edgeMs(), joules[0], 0,
                w.reconfigured(), w.latencySource(), meter.source()));
    }

    @Override
    public String describe() {
        return board.describe() + "; energy from " + meter.source() + " around each head";
    }
}
