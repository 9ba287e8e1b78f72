package io.dynasplit.cloudnode.publish;

import io.dynasplit.contracts.EnergyTelemetry;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** What the cloud node sends: results and energy telemetry. */
@ApplicationScoped
public class CloudPublisher {
    private static final String SOURCE = "cloud-node";

    @Inject
    @Channel("results")
    MutinyEmitter<byte[]> results;

    @Inject
    @Channel("telemetry")
    MutinyEmitter<byte[]> telemetry;

    @Inject
    PipelineMetrics metrics;

    /** Waits until the broker has the result, so the tensor may be acknowledged. */
    public void result(InferenceResult result) {
        results.sendMessageAndAwait(OutgoingEvents.json(Json.write(result), result.requestId(),
                EventTypes.INFERENCE_RESULT, InferenceResult.class, SOURCE));
        metrics.result(result);
    }

    public void telemetry(EnergyTelemetry record) {
        telemetry.sendMessageAndForget(OutgoingEvents.json(Json.write(record), record.nodeId(),
                EventTypes.ENERGY_TELEMETRY, EnergyTelemetry.class, SOURCE));
    }
}
