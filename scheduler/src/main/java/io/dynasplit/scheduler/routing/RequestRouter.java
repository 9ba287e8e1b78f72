package io.dynasplit.scheduler.routing;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.scheduler.decision.RequestOutcome;
import io.dynasplit.scheduler.decision.RequestDecider;
import io.dynasplit.scheduler.decision.SchedulerResults;
import io.dynasplit.scheduler.store.ParetoStore;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.index.Selection;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * Chooses each request's configuration from the Pareto store of its model and device class, given what its device is
 * doing (the decision topology keeps that state and routes the command to the device's own topic).
 */
@ApplicationScoped
public class RequestRouter implements RequestDecider {
    @Inject
    RequestValidator validator;

    @Inject
    ParetoStore store;

    @Inject
    PipelineMetrics metrics;

    @Override
    public RequestOutcome decide(InferenceRequest request, DeviceState device) {
        RequestValidator.Accepted accepted = validator.validate(request);
        ModelDescriptor model = accepted.model();
        Selector selector = store.selector(model.name(), accepted.deviceClass())
                .orElseThrow(() -> new RejectedRecordException(DeadLetterReason.UNKNOWN_MODEL, "no Pareto front for model "
                        + model.name() + " on device class " + accepted.deviceClass() + " yet"));
        Selection selection = selector.select(request.latencyThresholdMs(), device);
        if (selection.rejected()) {
            metrics.decision(model.name(), "rejected", true);
            return new RequestOutcome.Answered(SchedulerResults.answer(request, ResultStatus.REJECTED,
                    "no configuration meets the threshold and the fallback policy is reject", Instant.now()));
        }
        EdgeCommand command = new EdgeCommand(EdgeCommand.SCHEMA_VERSION, request, selection.config(),
                model.wireDtypeAt(selection.config().layer()),
                request.submittedAt().plusMillis(Math.round(request.latencyThresholdMs())),
                selection.toDecision(store.testbed().isPresent() ? "device" : "wall"), Instant.now());
        metrics.decision(model.name(), model.placement(selection.config()).wireName(), selection.fallback());
        return new RequestOutcome.Routed(command, selection.reconfigurationMs(), predictedEdgeMs(selection));
    }

    /** How long the head keeps the device busy: the testbed's edge time when known, else the whole latency. */
    private double predictedEdgeMs(Selection selection) {
        return store.testbed().map(t -> t.predict(selection.config()).edgeLatencyMs() * selection.latencyFactor())
                .orElse(selection.predictedLatencyMs() - selection.queueMs() - selection.reconfigurationMs());
    }
}
