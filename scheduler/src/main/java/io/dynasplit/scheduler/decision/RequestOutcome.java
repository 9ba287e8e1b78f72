package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceResult;

/** What the scheduler does with one valid request. */
public sealed interface RequestOutcome {

    /** Route {@code command} to its device, which then works {@code reconfigurationMs + edgeMs} (device time). */
    record Routed(EdgeCommand command, double reconfigurationMs, double edgeMs) implements RequestOutcome {
    }

    /** Nothing runs: the request is answered at once with {@code result} (for example: rejected by the policy). */
    record Answered(InferenceResult result) implements RequestOutcome {
    }
}
