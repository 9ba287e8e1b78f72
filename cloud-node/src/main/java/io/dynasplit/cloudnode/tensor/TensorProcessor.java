package io.dynasplit.cloudnode.tensor;

import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RecordProcessing;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.dedupe.ResultsTracker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads intermediate tensors ({@code dynasplit.cloud.tensors}, consumer group {@code dynasplit-cloud}: replicas
 * share the partitions). A bad frame goes to the dead-letter topic and the next one is processed.
 */
@ApplicationScoped
public class TensorProcessor {
    private static final Logger LOG = Logger.getLogger(TensorProcessor.class);

    @Inject
    TailRunner tailRunner;

    @Inject
    ResultsTracker results;

    @Inject
    RecordProcessing processing;

    @Incoming("tensors")
    // unordered: tails of different requests overlap their result round trips; duplicates of one request id are
    // settled by ResultsTracker.claim
    @Blocking(ordered = false)
    public void onTensor(ConsumerRecord<String, byte[]> record) {
        processing.process("cloud", record, r -> {
            long receivedMillis = System.currentTimeMillis();
            SplitTensor tensor = decode(r.value());
            if (results.isComplete(tensor.requestId())) {
                LOG.debugf("request %s already has a result: redelivered tensor skipped", tensor.requestId());
                return;
            }
            tailRunner.run(tensor, r.value().length, receivedMillis);
        });
    }

    private static SplitTensor decode(byte[] frame) {
        try {
            return SplitTensorCodec.decode(frame);
        } catch (WireFormatException e) {
            throw new RejectedRecordException(DeadLetterReason.MALFORMED, e.getMessage(), e);
        }
    }
}
