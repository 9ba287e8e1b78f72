package io.dynasplit.scheduler.store;

import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.servicekit.deadletter.DeadLetterPublisher;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Picks up Pareto fronts from the compacted {@code dynasplit.pareto} topic: at start-up all of them, then new versions. */
@ApplicationScoped
public class ParetoListener {
    @Inject
    ParetoStore store;

    @Inject
    DeadLetterPublisher deadLetters;

    @Incoming("pareto")
    public void onFront(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // tombstone: keep what we have; a front is only ever replaced by a newer one
        }
        try {
            store.offer(Json.read(record.value(), ParetoFront.class));
        } catch (WireFormatException e) {
            deadLetters.publish(record, new RejectedRecordException(DeadLetterReason.MALFORMED, e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            deadLetters.publish(record, new RejectedRecordException(DeadLetterReason.INVALID, e.getMessage(), e));
        }
    }
}
