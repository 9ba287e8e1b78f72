package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;

/** Chooses a request's configuration given its device's state; the topology keeps that state and routes the outcome. */
@FunctionalInterface
public interface RequestDecider {

    /** @throws RejectedRecordException when the request cannot be served (its dead letter carries the reason) */
    RequestOutcome decide(InferenceRequest request, DeviceState device);
}
