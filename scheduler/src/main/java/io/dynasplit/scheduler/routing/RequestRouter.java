package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.scheduler.SchedulerConfig;
import io.dynasplit.scheduler.deadline.DeadlineWatchdog;
import io.dynasplit.scheduler.store.ParetoStore;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.index.Selection;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RecordProcessing;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.messaging.ResultPublisher;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.dynasplit.servicekit.time.DeviceClock;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * Reads {@code dynasplit.requests} (keyed by edge device, so one device's requests stay in order), chooses each
 * request's configuration from the Pareto store of its model and device class, and routes the command to that
 * device's own topic. Bad requests go to the dead-letter topic; the next request is processed.
 */
@ApplicationScoped
public class RequestRouter {
    @Inject
    SchedulerConfig config;

    @Inject
    RequestValidator validator;

    @Inject
    ParetoStore store;

    @Inject
    SchedulerPublisher publisher;

    @Inject
    ResultPublisher results;

    @Inject
    DeadlineWatchdog watchdog;

    @Inject
    RecordProcessing processing;

    @Inject
    PipelineMetrics metrics;

    private DeviceLedger ledger;

    @PostConstruct
    void init() {
        ledger = new DeviceLedger(new DeviceClock(config.deviceClockSpeedup()));
    }

    @Incoming("requests")
    // polled batches: under load, a batch's commands are acknowledged by the broker together; unordered: batches
    // overlap their Kafka round trips, and one device's ledger is updated atomically, so concurrent decisions stay
    // consistent
    @Blocking(ordered = false)
    public void onRequests(ConsumerRecords<String, byte[]> records) {
        processing.processBatch("scheduler", records, r -> route(parse(r.value())));
    }

    void route(InferenceRequest request) {
        RequestValidator.Accepted accepted = validator.validate(request);
        ModelDescriptor model = accepted.model();
        Selector selector = store.selector(model.name(), accepted.deviceClass())
                .orElseThrow(() -> new RejectedRecordException(DeadLetterReason.UNKNOWN_MODEL, "no Pareto front for model "
                        + model.name() + " on device class " + accepted.deviceClass() + " yet"));
        String device = request.edgeDeviceId();
        Selection selection = selector.select(request.latencyThresholdMs(), ledger.state(device));
        if (selection.rejected()) {
            metrics.decision(model.name(), "rejected", true);
            results.publish(watchdog.finalResult(request, ResultStatus.REJECTED,
                    "no configuration meets the threshold and the fallback policy is reject"));
            return;
        }
        ledger.dispatched(device, selection.config(), selection.reconfigurationMs(), predictedEdgeMs(selection));
        EdgeCommand command = new EdgeCommand(EdgeCommand.SCHEMA_VERSION, request, selection.config(), model.wireDtypeAt(selection.config().layer()),
                request.submittedAt().plusMillis(Math.round(request.latencyThresholdMs())),
                selection.toDecision(store.testbed().isPresent() ? "device" : "wall"), Instant.now());
        watchdog.track(command);
        publisher.command(command);
        metrics.decision(model.name(), model.placement(selection.config()).wireName(), selection.fallback());
    }

    /** How long the head keeps the device busy: the testbed's edge time when known, else the whole latency. */
    private double predictedEdgeMs(Selection selection) {
        return store.testbed().map(t -> t.predict(selection.config()).edgeLatencyMs() * selection.latencyFactor())
                .orElse(selection.predictedLatencyMs() - selection.queueMs() - selection.reconfigurationMs());
    }

    private static InferenceRequest parse(byte[] payload) {
        try {
            return Json.read(payload, InferenceRequest.class);
        } catch (WireFormatException e) {
            throw new RejectedRecordException(DeadLetterReason.MALFORMED, e.getMessage(), e);
        }
    }
}
