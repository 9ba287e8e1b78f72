package io.dynasplit.edgenode.publish;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.Topics;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.servicekit.messaging.RequestPathSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Ships intermediate tensors to the cloud: {@code dynasplit.cloud.tensors}, binary frames keyed by request id. */
@ApplicationScoped
public class EdgePublisher {
    @Inject
    @Channel("tensors")
    MutinyEmitter<byte[]> tensors;

    @Inject
    RequestPathSender sender;

    /** Waits until the broker has the tensor, so the command may be acknowledged. */
    public void tensor(SplitTensor tensor) {
        sender.sendAndAwait("tensors", tensors, OutgoingEvents.record(SplitTensorCodec.encode(tensor),
                Topics.CLOUD_TENSORS, tensor.requestId(), EventTypes.SPLIT_TENSOR, SplitTensor.class, "edge-node",
                SplitTensorCodec.MEDIA_TYPE));
    }
}
