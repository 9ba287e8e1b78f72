package io.dynasplit.servicekit.deadletter;

import io.dynasplit.servicekit.metrics.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * How every DynaSplit processor handles one record: run the work; a {@link RejectedRecordException} or any other
 * failure becomes a dead letter with its reason, so the consumer goes on with the next record; and the stage's wait
 * (record timestamp to pick-up) and work times are recorded.
 */
@ApplicationScoped
public class RecordProcessing {
    private static final Logger LOG = Logger.getLogger(RecordProcessing.class);

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    PipelineMetrics metrics;

    public void process(String stage, ConsumerRecord<String, byte[]> record, Consumer<ConsumerRecord<String, byte[]>> work) {
        long pickedUpMillis = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        try {
            work.accept(record);
        } catch (RejectedRecordException e) {
            deadLetters.publish(record, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: record at %s[%d]@%d failed", stage, record.topic(), record.partition(), record.offset());
            deadLetters.publish(record, new RejectedRecordException(DeadLetterReason.PROCESSING_ERROR, e.toString(), e));
        } finally {
            metrics.stage(stage, pickedUpMillis - record.timestamp(), (System.nanoTime() - startedNanos) / 1e6);
        }
    }
}
