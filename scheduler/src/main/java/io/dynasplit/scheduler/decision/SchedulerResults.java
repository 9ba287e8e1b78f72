package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ResultStatus;

import java.time.Instant;
import java.util.List;

/** Results the scheduler gives itself (rejected or timed out): no configuration ran, nothing was spent. */
public final class SchedulerResults {
    private SchedulerResults() {
    }

    public static InferenceResult answer(InferenceRequest request, ResultStatus status, String detail, Instant now) {
        return answer(PendingRequest.answered(request, 0), status, detail, now);
    }

    static InferenceResult answer(PendingRequest request, ResultStatus status, String detail, Instant now) {
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, request.requestId(), request.edgeDeviceId(),
                request.model(), status, List.of(), null, null, null, null, request.latencyThresholdMs(), false, null,
                null, detail, request.submittedAt(), now);
    }
}
