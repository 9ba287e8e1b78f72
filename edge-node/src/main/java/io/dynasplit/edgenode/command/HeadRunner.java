package io.dynasplit.edgenode.command;

import io.dynasplit.servicekit.deadletter.RejectedRecordException;

import io.dynasplit.servicekit.deadletter.DeadLetterReason;

import io.dynasplit.contracts.WireFormatException;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EdgeReport;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.EnergyTelemetry;
import io.dynasplit.contracts.FigureSources;
import io.dynasplit.contracts.HostTimings;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.TensorData;
import io.dynasplit.edgenode.EdgeNodeConfig;
import io.dynasplit.edgenode.hardware.EdgeDevice;
import io.dynasplit.edgenode.hardware.EdgeWork;
import io.dynasplit.edgenode.publish.EdgePublisher;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitNetwork;
import io.dynasplit.servicekit.dedupe.ResultsTracker;
import io.dynasplit.servicekit.messaging.ResultPublisher;
import io.dynasplit.servicekit.messaging.TelemetryPublisher;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.dynasplit.servicekit.startup.ModelPreload;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the head of one command on the edge device and ships what comes out: the intermediate tensor to the cloud,
 * or, when the whole network ran here (l = L), the result itself.
 */
@ApplicationScoped
public class HeadRunner {
    private static final int TOP_K = 5;

    @Inject
    EdgeNodeConfig config;

    @Inject
    EdgeDevice device;

    @Inject
    EdgePublisher publisher;

    @Inject
    ResultPublisher results;

    @Inject
    TelemetryPublisher telemetry;

    @Inject
    ResultsTracker tracker;

    @Inject
    PipelineMetrics metrics;

    @ConfigProperty(name = "dynasplit.models.preload")
    Optional<List<String>> preload;

    void preload(@Observes StartupEvent event) {
        ModelPreload.inBackground(preload.orElse(List.of()), ModelCatalog.shared()::network);
    }

    public void run(EdgeCommand command, long arrivalMillis) {
        InferenceRequest request = command.request();
        SplitConfig cfg = command.config();
        SplitNetwork model = ModelCatalog.shared().network(request.model());
        long t0 = System.nanoTime();
        EdgeDevice.Run<Activation> run = device.run(cfg, arrivalMillis, () -> {
            Activation input;
            try {
                input = model.inputFor(request.inputMediaType(), request.input(),
                        request.inputSeed() == null ? 0L : request.inputSeed());
            } catch (IllegalArgumentException | WireFormatException e) {
                // a request's input the decoders refuse (damaged, an image bomb, a wrong shape): the sender's fault
                throw new RejectedRecordException(DeadLetterReason.INVALID, "request input: " + e.getMessage(), e);
            }
            return model.head(cfg.layer(), input);
        });
        double hostMs = (System.nanoTime() - t0) / 1e6;
        EdgeWork work = run.work();
        if (work.reconfigured()) {
            metrics.reconfiguration(config.deviceId());
        }
        Instant finished = Instant.now();
        if (cfg.layer() >= model.lastLayer()) {
            publishEdgeOnlyResult(command, model, run.output(), work, hostMs, finished);
        } else {
            TensorData.Encoded wire = run.output().encode(command.tensorDtype());
            EdgeReport report = new EdgeReport(nodeId(), config.deviceClass(), work.queueMs(), work.reconfigurationMs(),
                    work.edgeMs(), hostMs, work.edgeActiveJ(), work.waitWatts(), work.latencySource(),
                    work.energySource(), finished);
            publisher.tensor(new SplitTensor(SplitTensor.SCHEMA_VERSION, request.requestId(), request.edgeDeviceId(),
                    request.model(), request.latencyThresholdMs(), request.submittedAt(), command.deadline(), cfg,
                    cfg.layer(), wire.dtype(), wire.scale(), wire.zeroPoint(), run.output().shapeList(), report,
                    wire.bytes()));
        }
        telemetry.publish(new EnergyTelemetry(EnergyTelemetry.SCHEMA_VERSION, nodeId(), "edge", config.deviceClass(),
                request.requestId(), finished.minusMillis((long) work.edgeMs()), finished, work.edgeActiveJ(),
                work.edgeMs() > 0 ? work.edgeActiveJ() / (work.edgeMs() / 1000) : 0, work.energySource(),
                work.energySource().startsWith("measured"), "whole-board", Instant.now()));
    }

    private void publishEdgeOnlyResult(EdgeCommand command, SplitNetwork model, Activation logits, EdgeWork work,
                                       double hostMs, Instant finished) {
        InferenceRequest request = command.request();
        if (!tracker.claim(request.requestId())) {
            return;
        }
        LatencyBreakdown latency = LatencyBreakdown.of(work.queueMs(), work.reconfigurationMs(), work.edgeMs(), 0, 0);
        String none = "none";
        InferenceResult result = new InferenceResult(InferenceResult.SCHEMA_VERSION, request.requestId(),
                request.edgeDeviceId(), request.model(), ResultStatus.OK, model.topK(logits, TOP_K), command.config(),
                Placement.EDGE, latency, EnergyBreakdown.of(work.edgeActiveJ(), 0, "whole-board"),
                request.latencyThresholdMs(), latency.totalMs() <= request.latencyThresholdMs(),
                new FigureSources(work.latencySource(), work.latencySource(), work.latencySource(), none, none,
                        work.energySource(), none),
                new HostTimings(hostMs, 0, finished.toEpochMilli() - request.submittedAt().toEpochMilli()), null,
                request.submittedAt(), finished);
        results.publish(result);
    }

    private String nodeId() {
        return "edge-" + config.deviceId();
    }
}
