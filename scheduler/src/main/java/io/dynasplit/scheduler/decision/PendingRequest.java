package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.Decision;
import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireDtype;

import java.time.Instant;

/**
 * A decided request, as kept in the {@code pending} store until {@code expiresAtMillis} (its deadline plus the
 * timeout grace): unsettled, it gets a {@code timeout} result then; settled (a result arrived, or the scheduler gave
 * one itself), it is only remembered, so that a request redelivered after a crash is not decided twice. A routed
 * request keeps what its command said (not the input, which the redelivered request carries), so that a redelivery
 * can send the very same command again.
 */
public record PendingRequest(String requestId, String edgeDeviceId, String model, double latencyThresholdMs,
                             Instant submittedAt, long expiresAtMillis, boolean settled, SplitConfig config,
                             WireDtype tensorDtype, Instant deadline, Decision decision) {

    static PendingRequest routed(EdgeCommand command, long expiresAtMillis) {
        InferenceRequest r = command.request();
        return new PendingRequest(r.requestId(), r.edgeDeviceId(), r.model(), r.latencyThresholdMs(), r.submittedAt(),
                expiresAtMillis, false, command.config(), command.tensorDtype(), command.deadline(), command.decision());
    }

    static PendingRequest answered(InferenceRequest r, long expiresAtMillis) {
        return new PendingRequest(r.requestId(), r.edgeDeviceId(), r.model(), r.latencyThresholdMs(), r.submittedAt(),
                expiresAtMillis, true, null, null, null, null);
    }

    /** The command this request was routed with, for its redelivered request (which carries the input). */
    EdgeCommand commandFor(InferenceRequest redelivered) {
        return new EdgeCommand(EdgeCommand.SCHEMA_VERSION, redelivered, config, tensorDtype, deadline, decision,
                Instant.now());
    }

    PendingRequest settledUntil(long millis) {
        return new PendingRequest(requestId, edgeDeviceId, model, latencyThresholdMs, submittedAt, millis, true, config,
                tensorDtype, deadline, decision);
    }

    PendingRequest asSettled() {
        return settledUntil(expiresAtMillis);
    }
}
