package io.dynasplit.edgenode.publish;

import io.dynasplit.contracts.EnergyTelemetry;
import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** What the edge node sends: tensors to the cloud, results of edge-only runs, and energy telemetry. */
@ApplicationScoped
public class EdgePublisher {
    private static final String SOURCE = "edge-node";

    @Inject
    @Channel("tensors")
    MutinyEmitter<byte[]> tensors;

    @Inject
    @Channel("results")
    MutinyEmitter<byte[]> results;

    @Inject
    @Channel("telemetry")
    MutinyEmitter<byte[]> telemetry;

    @Inject
    PipelineMetrics metrics;

    /** Waits until the broker has the tensor, so the command may be acknowledged. */
    public void tensor(SplitTensor tensor) {
        tensors.sendMessageAndAwait(OutgoingEvents.message(SplitTensorCodec.encode(tensor), null, tensor.requestId(),
                EventTypes.SPLIT_TENSOR, SplitTensor.class, SOURCE, SplitTensorCodec.MEDIA_TYPE));
    }

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
