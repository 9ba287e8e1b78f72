package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.InferenceRequest;

import java.time.Instant;

/**
 * A decided request, as kept in the {@code pending} store until {@code expiresAtMillis} (its deadline plus the
 * timeout grace): unsettled, it gets a {@code timeout} result then; settled (a result arrived, or the scheduler gave
 * one itself), it is only remembered, so that a request redelivered after a crash is not decided twice. The input is
 * not kept: a timeout result does not need it.
 */
public record PendingRequest(String requestId, String edgeDeviceId, String model, double latencyThresholdMs,
                             Instant submittedAt, long expiresAtMillis, boolean settled) {

    static PendingRequest of(InferenceRequest request, long expiresAtMillis, boolean settled) {
        return new PendingRequest(request.requestId(), request.edgeDeviceId(), request.model(),
                request.latencyThresholdMs(), request.submittedAt(), expiresAtMillis, settled);
    }

    PendingRequest settledUntil(long millis) {
        return new PendingRequest(requestId, edgeDeviceId, model, latencyThresholdMs, submittedAt, millis, true);
    }

    PendingRequest asSettled() {
        return new PendingRequest(requestId, edgeDeviceId, model, latencyThresholdMs, submittedAt, expiresAtMillis, true);
    }
}
