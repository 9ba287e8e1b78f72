package io.dynasplit.servicekit.deadletter;

import io.dynasplit.servicekit.messaging.RequestPathSender;
import io.dynasplit.servicekit.messaging.RequestPathSender.PendingAck;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How every DynaSplit processor handles one record: run the work; a {@link RejectedRecordException} or any other
 * failure becomes a dead letter with its reason, so the consumer goes on with the next record; and the stage's wait
 * (record timestamp to pick-up) and work times are recorded. A batch is processed the same way, record by record, with
 * the broker's acknowledgements of what the records sent awaited once for the whole batch.
 */
@ApplicationScoped
public class RecordProcessing {
    private static final Logger LOG = Logger.getLogger(RecordProcessing.class);

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    PipelineMetrics metrics;

    @Inject
    RequestPathSender sender;

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

    /**
     * Processes a polled batch in order, each record as {@link #process}, then waits until the broker has everything
     * the batch sent, so that the batch may be acknowledged. A record whose send failed goes to the dead-letter topic.
     */
    public void processBatch(String stage, ConsumerRecords<String, byte[]> records,
                             Consumer<ConsumerRecord<String, byte[]>> work) {
        record Processed(ConsumerRecord<String, byte[]> record, List<PendingAck> acks) {
        }
        List<Processed> processed = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            processed.add(new Processed(record, sender.deferringAcks(() -> process(stage, record, work))));
        }
        for (Processed p : processed) {
            try {
                p.acks().forEach(PendingAck::await);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: what record %s[%d]@%d sent was not acknowledged", stage, p.record().topic(),
                        p.record().partition(), p.record().offset());
                deadLetters.publish(p.record(), new RejectedRecordException(DeadLetterReason.PROCESSING_ERROR,
                        e.getMessage(), e));
            }
        }
    }
}
