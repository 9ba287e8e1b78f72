package io.dynasplit.scheduler.decision;

import io.dynasplit.servicekit.deadletter.DeadLetterReason;

/** What the topology reports as it goes (metrics in the service; nothing in unit tests). */
public interface DecisionEvents {
    DecisionEvents NONE = new DecisionEvents() {
    };

    /** One request taken from the requests topic: {@code waitMs} since its append, {@code workMs} to decide it. */
    default void decided(double waitMs, double workMs) {
    }

    default void deadLetter(DeadLetterReason reason) {
    }

    /** A request already decided came again (redelivered after a crash or a rebalance) and was skipped. */
    default void repeated() {
    }

    default void timedOut() {
    }
}
