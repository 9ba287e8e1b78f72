package io.dynasplit.edgenode.hardware;

import io.dynasplit.contracts.SplitConfig;

import java.util.function.Supplier;

/**
 * The edge board as the node sees it. It applies a configuration's knobs (only when they change), runs the head
 * around its meter, and accounts for the run: real hardware measures, an emulated profile predicts device time and
 * energy while the head still runs for real on this host.
 */
public interface EdgeDevice {

    /** A head's output and the device's account of producing it. */
    record Run<T>(T output, EdgeWork work) {
    }

    /** Runs {@code head} for a command that arrived at {@code arrivalMillis} (wall clock). */
    <T> Run<T> run(SplitConfig config, long arrivalMillis, Supplier<T> head);

    /** One line per knob and meter: what drives it and, for emulated ones, why the real driver is unavailable. */
    String describe();
}
