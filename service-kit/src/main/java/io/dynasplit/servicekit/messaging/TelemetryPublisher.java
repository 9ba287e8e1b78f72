package io.dynasplit.servicekit.messaging;

import io.dynasplit.contracts.EnergyTelemetry;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes energy telemetry to {@code dynasplit.telemetry} (channel {@code telemetry}), keyed by node id. */
@ApplicationScoped
public class TelemetryPublisher {
    @Inject
    @Channel("telemetry")
    MutinyEmitter<byte[]> telemetry;

    @Inject
    RequestPathSender sender;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "dynasplit")
    String source;

    /** Telemetry is not on the request path: sent without waiting. */
    public void publish(EnergyTelemetry record) {
        sender.sendAndForget("telemetry", telemetry, OutgoingEvents.record(Json.write(record), Topics.TELEMETRY,
                record.nodeId(), EventTypes.ENERGY_TELEMETRY, EnergyTelemetry.class, source, OutgoingEvents.JSON));
    }
}
