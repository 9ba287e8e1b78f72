package io.dynasplit.fleet;

import io.dynasplit.contracts.EdgeCommand;

/** Sees each command a device of the fleet accepted, on the fleet's poll thread: keep it cheap. */
@FunctionalInterface
public interface CommandObserver {
    CommandObserver NONE = (command, timestampMs, logAppendTime) -> { };

    /**
     * @param timestampMs   the command record's timestamp
     * @param logAppendTime whether that is the broker's append time (the topic's {@code message.timestamp.type} is
     *                      {@code LogAppendTime}) rather than the producer's create time
     */
    void accepted(EdgeCommand command, long timestampMs, boolean logAppendTime);
}
