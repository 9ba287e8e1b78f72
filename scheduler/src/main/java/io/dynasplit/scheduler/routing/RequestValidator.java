package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.scheduler.SchedulerConfig;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Refuses requests the pipeline cannot serve, with the reason their dead letter carries. */
@ApplicationScoped
public class RequestValidator {

    /** A request that passed, with what validation looked up. */
    public record Accepted(ModelDescriptor model, String deviceClass) {
    }

    @Inject
    SchedulerConfig config;

    @Inject
    DeviceRegistry devices;

    public Accepted validate(InferenceRequest request) {
        if (request.schemaVersion() != InferenceRequest.SCHEMA_VERSION) {
            throw new RejectedRecordException(DeadLetterReason.INVALID, "unsupported schemaVersion "
                    + request.schemaVersion() + " (this scheduler reads " + InferenceRequest.SCHEMA_VERSION + ")");
        }
        if (!(request.latencyThresholdMs() > 0) || Double.isInfinite(request.latencyThresholdMs())) {
            throw new RejectedRecordException(DeadLetterReason.INVALID,
                    "latencyThresholdMs must be a positive number, got " + request.latencyThresholdMs());
        }
        ModelDescriptor model = Models.find(request.model()).orElseThrow(() -> new RejectedRecordException(
                DeadLetterReason.UNKNOWN_MODEL, "unknown model '" + request.model() + "'"));
        String deviceClass = devices.deviceClass(request.edgeDeviceId()).orElseThrow(() -> new RejectedRecordException(
                DeadLetterReason.UNKNOWN_DEVICE, "unknown edge device '" + request.edgeDeviceId() + "'; known: "
                + devices.all().keySet()));
        if (request.input().length > config.maxInputBytes()) {
            throw new RejectedRecordException(DeadLetterReason.OVERSIZE, "input of " + request.input().length
                    + " bytes exceeds dynasplit.scheduler.max-input-bytes=" + config.maxInputBytes());
        }
        if (request.input().length == 0 && request.inputSeed() == null) {
            throw new RejectedRecordException(DeadLetterReason.INVALID, "request has neither input nor inputSeed");
        }
        return new Accepted(model, deviceClass);
    }
}
