package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** What the scheduler sends: commands to each device's own topic, and results it decides itself (reject, timeout). */
@ApplicationScoped
public class SchedulerPublisher {
    private static final String SOURCE = "scheduler";

    @Inject
    @Channel("commands")
    MutinyEmitter<byte[]> commands;

    @Inject
    @Channel("results")
    MutinyEmitter<byte[]> results;

    @Inject
    PipelineMetrics metrics;

    /** Sends to {@code dynasplit.edge.<device>.commands}, keyed by device, and waits until the broker has it. */
    public void command(EdgeCommand command) {
        String device = command.request().edgeDeviceId();
        commands.sendMessageAndAwait(OutgoingEvents.message(Json.write(command), Topics.edgeCommands(device), device,
                EventTypes.EDGE_COMMAND, EdgeCommand.class, SOURCE, OutgoingEvents.JSON));
    }

    public void result(InferenceResult result) {
        results.sendMessageAndAwait(OutgoingEvents.json(Json.write(result), result.requestId(),
                EventTypes.INFERENCE_RESULT, InferenceResult.class, SOURCE));
        metrics.result(result);
    }
}
