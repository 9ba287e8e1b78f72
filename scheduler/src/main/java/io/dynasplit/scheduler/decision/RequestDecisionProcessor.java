package io.dynasplit.scheduler.decision;

import io.dynasplit.contracts.DeadLetter;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the requests of the devices whose partitions this task owns, one after another in partition order, so each
 * decision sees the device state the previous one left. The state (knobs and busy-until per device, each pending
 * deadline) lives in changelogged stores and moves with the partition when its owner dies. A wall-clock sweep gives
 * every unsettled request whose deadline plus grace has passed its {@code timeout} result.
 */
final class RequestDecisionProcessor implements Processor<String, byte[], String, Outgoing> {
    private static final Logger LOG = Logger.getLogger(RequestDecisionProcessor.class);

    private final RequestDecider decider;
    private final DecisionSettings settings;
    private final DecisionEvents events;
    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, DeviceKnobs> devices;
    private KeyValueStore<String, PendingRequest> pending;
    private KeyValueStore<String, String> deadlines;
    private long sweepFromMillis;

    RequestDecisionProcessor(RequestDecider decider, DecisionSettings settings, DecisionEvents events) {
        this.decider = decider;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.devices = context.getStateStore(DecisionTopology.DEVICES_STORE);
        this.pending = context.getStateStore(DecisionTopology.PENDING_STORE);
        this.deadlines = context.getStateStore(DecisionTopology.DEADLINES_STORE);
        context.schedule(settings.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireDue);
        LOG.infof("deciding request partition %d: %d devices, %d pending requests", context.taskId().partition(),
                devices.approximateNumEntries(), pending.approximateNumEntries());
    }

    @Override
    public void close() {
        LOG.infof("request partition %d handed over", context.taskId().partition());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long pickedUpMillis = context.currentSystemTimeMs();
        long startedNanos = System.nanoTime();
        try {
            decide(record);
        } catch (RejectedRecordException e) {
            deadLetter(record, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "request %s failed", record.key());
            deadLetter(record, new RejectedRecordException(DeadLetterReason.PROCESSING_ERROR, e.toString(), e));
        } finally {
            events.decided(pickedUpMillis - record.timestamp(), (System.nanoTime() - startedNanos) / 1e6);
        }
    }

    private void decide(Record<String, byte[]> record) {
        InferenceRequest request = parse(record.value());
        String device = request.edgeDeviceId();
        if (record.key() == null || !record.key().equals(device)) {
            // another key puts the device's requests on another partition, whose owner holds other state
            throw new RejectedRecordException(DeadLetterReason.INVALID, "record key '" + record.key()
                    + "' is not the request's edgeDeviceId '" + device + "': requests are keyed by edge device");
        }
        PendingRequest earlier = pending.get(request.requestId());
        if (earlier != null) {
            // decided before a crash or a rebalance: never decided (nor charged) twice; while unsettled, the same
            // command goes out again in case the first was lost with the replica (nodes run a request id once)
            events.repeated();
            if (!earlier.settled() && earlier.config() != null) {
                emit(Outgoing.command(earlier.commandFor(request)), context.currentSystemTimeMs());
            }
            return;
        }
        long nowMillis = context.currentSystemTimeMs();
        double nowDeviceMs = settings.clock().deviceMillis(nowMillis);
        DeviceKnobs knobs = devices.get(device);
        RequestOutcome decision = decider.decide(request, DeviceKnobs.stateAt(knobs, nowDeviceMs));
        if (decision instanceof RequestOutcome.Routed routed) {
            DeviceKnobs after = DeviceKnobs.afterDispatch(knobs, routed.command().config(),
                    routed.reconfigurationMs(), routed.edgeMs(), nowDeviceMs);
            if (after != knobs) { // layer 0 leaves the device as it was
                devices.put(device, after);
            }
            // the grace runs from the deadline, or from the decision when that came later (after a fail-over)
            long expiresAt = Math.max(routed.command().deadline().toEpochMilli(), nowMillis) + settings.timeoutGraceMs();
            remember(PendingRequest.routed(routed.command(), expiresAt));
            emit(Outgoing.command(routed.command()), nowMillis);
        } else if (decision instanceof RequestOutcome.Answered answered) {
            remember(PendingRequest.answered(request, nowMillis + settings.timeoutGraceMs()));
            emit(Outgoing.result(answered.result()), nowMillis);
        }
    }

    private void remember(PendingRequest request) {
        pending.put(request.requestId(), request);
        deadlines.put(DeadlineKey.of(request.expiresAtMillis(), request.requestId()), request.requestId());
    }

    /**
     * Requests whose time is up: an unsettled one gets its timeout result and is kept, settled, one more grace period;
     * a settled one is forgotten.
     */
    void expireDue(long nowMillis) {
        if (sweepFromMillis == 0) {
            // a task just taken over gives its pending requests one grace period first: results published while no
            // replica owned the device are still queued in the re-keyed results, and settle them once read. (Set at
            // the first sweep: the thread's clock in init can be stale after a long rebalance.)
            sweepFromMillis = nowMillis + settings.timeoutGraceMs();
        }
        if (nowMillis < sweepFromMillis) {
            return;
        }
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = deadlines.range(DeadlineKey.FIRST, DeadlineKey.before(nowMillis + 1))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            deadlines.delete(entry.key);
            PendingRequest request = pending.get(entry.value);
            if (request == null || request.settled()) {
                pending.delete(entry.value);
                continue;
            }
            LOG.debugf("request %s of %s timed out", request.requestId(), request.edgeDeviceId());
            events.timedOut();
            emit(Outgoing.result(SchedulerResults.answer(request, ResultStatus.TIMEOUT,
                    "no result within the deadline plus " + settings.timeoutGraceMs() + " ms",
                    Instant.ofEpochMilli(nowMillis))), nowMillis);
            // remembered one more grace period: a redelivery of it (after a fail-over) is then still recognised
            remember(request.settledUntil(nowMillis + settings.timeoutGraceMs()));
        }
    }

    private void emit(Outgoing out, long timestamp) {
        context.forward(new Record<>(out.key(), out, timestamp, out.headers()));
    }

    private void deadLetter(Record<String, byte[]> record, RejectedRecordException rejection) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        byte[] payload = record.value();
        DeadLetter letter = new DeadLetter(DeadLetter.SCHEMA_VERSION, settings.service(),
                source == null ? "unknown" : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), record.key(), rejection.getMessage(), rejection.reason().label(),
                DeadLetter.excerpt(payload), payload == null ? 0 : payload.length, Instant.now());
        LOG.warnf("dead letter from %s[%d]@%d key=%s: %s", letter.sourceTopic(), letter.partition(), letter.offset(),
                letter.key(), letter.reason());
        events.deadLetter(rejection.reason());
        emit(Outgoing.deadLetter(letter), context.currentSystemTimeMs());
    }

    private static InferenceRequest parse(byte[] payload) {
        if (payload == null) {
            throw new RejectedRecordException(DeadLetterReason.MALFORMED, "empty request record");
        }
        try {
            return Json.read(payload, InferenceRequest.class);
        } catch (WireFormatException e) {
            throw new RejectedRecordException(DeadLetterReason.MALFORMED, e.getMessage(), e);
        }
    }
}
