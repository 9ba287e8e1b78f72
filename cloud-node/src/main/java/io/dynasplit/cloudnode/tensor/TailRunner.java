package io.dynasplit.cloudnode.tensor;

import io.dynasplit.cloudnode.CloudNodeConfig;
import io.dynasplit.cloudnode.hardware.CloudNode;
import io.dynasplit.cloudnode.hardware.CloudWork;
import io.dynasplit.contracts.EdgeReport;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.EnergyTelemetry;
import io.dynasplit.contracts.FigureSources;
import io.dynasplit.contracts.HostTimings;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitNetwork;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.dynasplit.servicekit.deadletter.RejectedRecordException;
import io.dynasplit.servicekit.dedupe.ResultsTracker;
import io.dynasplit.servicekit.messaging.ResultPublisher;
import io.dynasplit.servicekit.messaging.TelemetryPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.StartupEvent;
import io.dynasplit.servicekit.startup.ModelPreload;

import java.time.Instant;
import java.util.List;

/**
 * Runs the tail of one request and publishes its result with the whole latency and energy breakdown. Edge energy is
 * the board's over its whole window, as the paper counts it: the head's energy plus the board's waiting power over
 * the transfer and the tail.
 */
@ApplicationScoped
public class TailRunner {
    private static final int TOP_K = 5;

    @Inject
    CloudNodeConfig config;

    @Inject
    CloudNode node;

    @Inject
    ResultPublisher publisher;

    @Inject
    TelemetryPublisher telemetry;

    @Inject
    ResultsTracker results;

    @Inject
    TailPlacement placement;

    @ConfigProperty(name = "dynasplit.models.preload")
    Optional<List<String>> preload;

    void preload(@Observes StartupEvent event) {
        ModelPreload.inBackground(preload.orElse(List.of()),
                ModelCatalog.shared()::network);
    }

    public void run(SplitTensor tensor, long frameBytes, long receivedMillis) {
        ModelDescriptor descriptor = Models.find(tensor.model()).orElseThrow(() -> new RejectedRecordException(
                DeadLetterReason.UNKNOWN_MODEL, "unknown model '" + tensor.model() + "'"));
        descriptor.validate(tensor.config()).ifPresent(reason -> {
            throw new RejectedRecordException(DeadLetterReason.INVALID, reason);
        });
        SplitNetwork model = ModelCatalog.shared().network(descriptor.name());
        checkShape(tensor, model);
        EdgeReport edge = tensor.edge();
        if (edge == null) {
            throw new RejectedRecordException(DeadLetterReason.INVALID, "tensor frame carries no edge report");
        }
        double measuredTransferMs = edge.finishedAt() == null ? 0
                : Math.max(0, receivedMillis - edge.finishedAt().toEpochMilli());
        long t0 = System.nanoTime();
        CloudNode.Run<Activation> run = node.run(tensor.config(), frameBytes, measuredTransferMs,
                () -> placement.tail(tensor.config(), model, tensor.splitLayer(), Activation.fromSplitTensor(tensor)));
        double hostMs = (System.nanoTime() - t0) / 1e6;
        if (!results.claim(tensor.requestId())) {
            return;
        }
        CloudWork work = run.work();
        Instant now = Instant.now();
        LatencyBreakdown latency = LatencyBreakdown.of(edge.queueMs(), edge.reconfigurationMs(), edge.edgeMs(),
                work.transferMs(), work.cloudMs());
        double edgeJ = edge.edgeActiveJ() + edge.edgeWaitWatts() * (work.transferMs() + work.cloudMs()) / 1000;
        InferenceResult result = new InferenceResult(InferenceResult.SCHEMA_VERSION, tensor.requestId(),
                tensor.edgeDeviceId(), tensor.model(), ResultStatus.OK, model.topK(run.output(), TOP_K), tensor.config(),
                descriptor.placement(tensor.config()), latency, EnergyBreakdown.of(edgeJ, work.cloudJ(), work.accounting()),
                tensor.latencyThresholdMs(), latency.totalMs() <= tensor.latencyThresholdMs(),
                new FigureSources(edge.latencySource(), edge.latencySource(), edge.latencySource(), work.transferSource(),
                        work.latencySource(), edge.energySource(), work.energySource()),
                new HostTimings(edge.edgeHostMs(), hostMs, now.toEpochMilli() - tensor.submittedAt().toEpochMilli()),
                null, tensor.submittedAt(), now);
        publisher.publish(result);
        telemetry.publish(new EnergyTelemetry(EnergyTelemetry.SCHEMA_VERSION, config.nodeId(), "cloud", "cloud",
                tensor.requestId(), now.minusMillis((long) work.cloudMs()), now, work.cloudJ(),
                work.cloudMs() > 0 ? work.cloudJ() / (work.cloudMs() / 1000) : 0, work.energySource(),
                work.energySource().startsWith("measured"), work.accounting(), now));
    }

    /** The tensor must be what the edge's head produces at this split point, in shape (batch 1). */
    private static void checkShape(SplitTensor tensor, SplitNetwork model) {
        if (tensor.splitLayer() != tensor.config().layer()) {
            throw new RejectedRecordException(DeadLetterReason.WRONG_TENSOR, "tensor is from layer "
                    + tensor.splitLayer() + " but its configuration splits at " + tensor.config().layer());
        }
        if (tensor.splitLayer() >= model.lastLayer()) {
            throw new RejectedRecordException(DeadLetterReason.WRONG_TENSOR,
                    "layer " + tensor.splitLayer() + " is edge-only: nothing is left for the cloud");
        }
        List<Integer> expected = model.splitPoint(tensor.splitLayer()).shape();
        if (!expected.equals(tensor.shape())) {
            throw new RejectedRecordException(DeadLetterReason.WRONG_TENSOR, "tensor shape " + tensor.shape()
                    + " does not match " + model.name() + " at layer " + tensor.splitLayer() + ": expected " + expected);
        }
    }
}
