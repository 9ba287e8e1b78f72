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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

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
            guard(stage, record, work);
        } finally {
            metrics.stage(stage, pickedUpMillis - record.timestamp(), (System.nanoTime() - startedNanos) / 1e6);
        }
    }

    /**
     * Reads a record with {@code reader}; a failure becomes the record's dead letter and the answer is empty. Not
     * timed as the stage: for a step that only decides where the record is processed (which then times it with
     * {@link #process}).
     */
    public <T> Optional<T> read(String stage, ConsumerRecord<String, byte[]> record,
                                Function<ConsumerRecord<String, byte[]>, T> reader) {
        List<T> read = new ArrayList<>(1);
        guard(stage, record, r -> read.add(reader.apply(r)));
        return read.stream().findFirst();
    }

    private void guard(String stage, ConsumerRecord<String, byte[]> record, Consumer<ConsumerRecord<String, byte[]>> work) {
        try {
            work.accept(record);
        } catch (RejectedRecordException e) {
            deadLetters.publish(record, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: record at %s[%d]@%d failed", stage, record.topic(), record.partition(), record.offset());
            deadLetters.publish(record, new RejectedRecordException(DeadLetterReason.PROCESSING_ERROR, e.toString(), e));
        }
    }

    /** {@link #process}, with the broker's acknowledgements of what the work sent returned to await later. */
    public List<PendingAck> processDeferringAcks(String stage, ConsumerRecord<String, byte[]> record,
                                                 Consumer<ConsumerRecord<String, byte[]>> work) {
        return sender.deferringAcks(() -> process(stage, record, work));
    }

    /**
     * Waits until the broker has everything a record's processing sent; a send that failed makes the record a dead
     * letter.
     */
    public void awaitAcknowledged(String stage, ConsumerRecord<String, byte[]> record, List<PendingAck> acks) {
        try {
            acks.forEach(PendingAck::await);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: what record %s[%d]@%d sent was not acknowledged", stage, record.topic(),
                    record.partition(), record.offset());
            deadLetters.publish(record, new RejectedRecordException(DeadLetterReason.PROCESSING_ERROR,
                    e.getMessage(), e));
        }
    }

    /**
     * Processes a polled batch in order, each record as {@link #process}, then waits until the broker has everything
     * the batch sent, so that the batch may be acknowledged. A record whose send failed goes to the dead-letter topic.
     */
    public void processBatch(String stage, ConsumerRecords<String, byte[]> records,
                             Consumer<ConsumerRecord<String, byte[]>> work) {
        List<Processed> processed = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            processed.add(new Processed(record, processDeferringAcks(stage, record, work)));
        }
        awaitAcknowledged(stage, processed);
    }

    /** {@link #awaitAcknowledged(String, ConsumerRecord, List)} for each of several processed records. */
    public void awaitAcknowledged(String stage, List<Processed> processed) {
        processed.forEach(p -> awaitAcknowledged(stage, p.record(), p.acks()));
    }

    /** A record processed, and the acknowledgements of what it sent, still to await. */
    public record Processed(ConsumerRecord<String, byte[]> record, List<PendingAck> acks) {
    }
}
