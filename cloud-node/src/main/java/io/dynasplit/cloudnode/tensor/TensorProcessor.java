package io.dynasplit.cloudnode.tensor;

import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.servicekit.deadletter.DeadLetterPublisher;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.dedupe.ResultsTracker;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
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
    DeadLetterPublisher deadLetters;

    @Inject
    PipelineMetrics metrics;

    @Incoming("tensors")
    // unordered: tails of different requests overlap their result round trips; duplicates of one request id are
    // settled by ResultsTracker.claim
    @Blocking(ordered = false)
    public void onTensor(ConsumerRecord<String, byte[]> record) {
        long receivedMillis = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        try {
            SplitTensor tensor = decode(record.value());
            if (results.isComplete(tensor.requestId())) {
                LOG.debugf("request %s already has a result: redelivered tensor skipped", tensor.requestId());
                return;
            }
            tailRunner.run(tensor, record.value().length, receivedMillis);
        } catch (RejectedRecordException e) {
            deadLetters.publish(record, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "tensor at %s[%d]@%d failed", record.topic(), record.partition(), record.offset());
            deadLetters.publish(record, new RejectedRecordException(DeadLetterReason.PROCESSING_ERROR, e.toString(), e));
        } finally {
            metrics.stage("cloud", receivedMillis - record.timestamp(), (System.nanoTime() - startedNanos) / 1e6);
        }
    }

    private static SplitTensor decode(byte[] frame) {
        try {
            return SplitTensorCodec.decode(frame);
        } catch (WireFormatException e) {
            throw new RejectedRecordException(DeadLetterReason.MALFORMED, e.getMessage(), e);
        }
    }
}
