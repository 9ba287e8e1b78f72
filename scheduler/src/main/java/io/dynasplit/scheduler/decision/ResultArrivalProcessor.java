package io.dynasplit.scheduler.decision;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Settles pending requests as their results arrive (results re-keyed by device, so each reaches the task that owns the
 * device's pending deadlines). A result for a request this task does not hold changes nothing.
 */
final class ResultArrivalProcessor implements Processor<String, String, Void, Void> {
    private KeyValueStore<String, PendingRequest> pending;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.pending = context.getStateStore(DecisionTopology.PENDING_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        String requestId = record.value();
        PendingRequest request = pending.get(requestId);
        if (request != null && !request.settled()) {
            pending.put(requestId, request.asSettled());
        }
    }
}
