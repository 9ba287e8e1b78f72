package io.dynasplit.edgenode.command;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.edgenode.EdgeNodeConfig;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Refuses commands this node must not run: another device's, unknown models, invalid configurations, oversize input. */
@ApplicationScoped
public class CommandValidator {
    @Inject
    EdgeNodeConfig config;

    public EdgeCommand validate(EdgeCommand command) {
        String device = command.request().edgeDeviceId();
        if (!config.deviceId().equals(device)) {
            // never run another device's command, whatever topic it came through
            throw new RejectedRecordException(DeadLetterReason.UNKNOWN_DEVICE,
                    "command for edge device '" + device + "' reached device '" + config.deviceId() + "'");
        }
        ModelDescriptor model = Models.find(command.request().model()).orElseThrow(() -> new RejectedRecordException(
                DeadLetterReason.UNKNOWN_MODEL, "unknown model '" + command.request().model() + "'"));
        if (!model.name().equals(command.config().model())) {
            throw new RejectedRecordException(DeadLetterReason.INVALID, "configuration is for model '"
                    + command.config().model() + "' but the request is for '" + model.name() + "'");
        }
        model.validate(command.config()).ifPresent(reason -> {
            throw new RejectedRecordException(DeadLetterReason.INVALID, reason);
        });
        if (command.request().input().length > config.maxInputBytes()) {
            throw new RejectedRecordException(DeadLetterReason.OVERSIZE, "input of " + command.request().input().length
                    + " bytes exceeds dynasplit.edge.max-input-bytes=" + config.maxInputBytes());
        }
        return command;
    }
}
