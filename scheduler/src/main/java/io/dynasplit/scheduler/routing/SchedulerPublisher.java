package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.servicekit.messaging.RequestPathSender;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Sends commands to each device's own topic. */
@ApplicationScoped
public class SchedulerPublisher {
    private static final String SOURCE = "scheduler";

    @Inject
    @Channel("commands")
    MutinyEmitter<byte[]> commands;

    @Inject
    RequestPathSender sender;

    @Inject
    PipelineMetrics metrics;

    /** Sends to {@code dynasplit.edge.<device>.commands}, keyed by device, and waits until the broker has it. */
    public void command(EdgeCommand command) {
        String device = command.request().edgeDeviceId();
        var record = OutgoingEvents.record(Json.write(command), Topics.edgeCommands(device), device,
                EventTypes.EDGE_COMMAND, EdgeCommand.class, SOURCE, OutgoingEvents.JSON);
        long t0 = System.nanoTime();
        sender.sendAndAwait("commands", commands, record);
        metrics.published("commands", System.nanoTime() - t0);
    }
}
