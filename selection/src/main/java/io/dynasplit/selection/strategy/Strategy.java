package io.dynasplit.selection.strategy;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.DeviceState;

/**
 * A way of choosing a configuration per request. It only picks; the figures of the run come from elsewhere (an
 * {@link io.dynasplit.selection.outcome.OutcomeSource} or the live pipeline) and are fed back with {@link #observe}.
 */
public interface Strategy {

    /** Short name used in tables, e.g. {@code dynasplit}, {@code cloud-only}. */
    String name();

    Choice choose(Request request, DeviceState device);

    /** A finished run: latency without queueing and reconfiguration, energy without the reconfiguration's. */
    default void observe(SplitConfig config, double latencyMs, double energyJ) {
    }
}
