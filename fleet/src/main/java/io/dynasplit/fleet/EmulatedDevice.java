package io.dynasplit.fleet;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.EnergyBreakdown;
import io.dynasplit.contracts.FigureSources;
import io.dynasplit.contracts.HostTimings;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.emulated.CloudRun;
import io.dynasplit.testbed.emulated.EdgeRun;
import io.dynasplit.testbed.emulated.EmulatedCloudNode;
import io.dynasplit.testbed.emulated.EmulatedEdgeDevice;
import io.dynasplit.testbed.emulated.EmulationOptions;

import java.time.Instant;
import java.util.List;

/**
 * One emulated edge device of the fleet, with the cloud tail its requests need: the edge node's and the cloud node's
 * accounts of a command (knobs, queue in device time, head, transfer, tail, energy) from the testbed, without running
 * any network. Each command yields the one {@code ok} result the pipeline would publish, keyed by request id, with
 * the same breakdown and sources as {@code HeadRunner} (edge-only) and {@code TailRunner} (split) give it.
 *
 * <p>The tail has its own cloud slot per device: the fleet emulates devices, not a shared cloud's contention.
 */
public final class EmulatedDevice {
    private static final String NONE = "none";

    private final String deviceId;
    private final EmulatedEdgeDevice edge;
    private final EmulatedCloudNode cloud;

    public EmulatedDevice(TestbedModel testbed, String deviceId, EmulationOptions options) {
        this.deviceId = deviceId;
        this.edge = new EmulatedEdgeDevice(testbed, deviceId, options);
        this.cloud = new EmulatedCloudNode(testbed, 1, options);
    }

    public String deviceId() {
        return deviceId;
    }

    /** The knobs the device is set to (null before its first command). */
    public SplitConfig currentKnobs() {
        return edge.currentKnobs();
    }

    /**
     * Accounts {@code command}, which reached the device at {@code arrivalMillis} (wall clock), behind the device's
     * earlier work. Throws {@link RejectedCommandException} for a command this device must not or cannot run; the
     * device's state is then unchanged.
     */
    public Completion run(EdgeCommand command, long arrivalMillis) {
        InferenceRequest request = command.request();
        if (!deviceId.equals(request.edgeDeviceId())) {
            throw new RejectedCommandException("invalid", "command for device '" + request.edgeDeviceId()
                    + "' reached device '" + deviceId + "'");
        }
        ModelDescriptor model = Models.find(request.model()).orElseThrow(() -> new RejectedCommandException(
                "unknown-model", "unknown model '" + request.model() + "'"));
        SplitConfig config = command.config();
        model.validate(config).ifPresent(reason -> {
            throw new RejectedCommandException("invalid", reason);
        });
        EdgeRun head;
        try {
            head = edge.run(config, arrivalMillis);
        } catch (IllegalArgumentException e) {
            throw new RejectedCommandException("invalid", e.getMessage());
        }
        double edgeJ = head.edgeActiveJ() + head.reconfigurationJ();
        if (config.layer() >= model.lastLayer()) {
            LatencyBreakdown latency = LatencyBreakdown.of(head.queueMs(), head.reconfigurationMs(), head.edgeMs(), 0, 0);
            FigureSources sources = new FigureSources(head.source(), head.source(), head.source(), NONE, NONE,
                    head.source(), NONE);
            return completion(request, config, model, latency, EnergyBreakdown.of(edgeJ, 0, "whole-board"), sources,
                    head.finishWallMillis());
        }
        // the tensor reaches the cloud when the head is done; transfer is the profile's time for its size
        CloudRun tail = cloud.run(config, Math.round(head.tensorKb() * 1024), (long) Math.ceil(head.finishWallMillis()));
        double cloudMs = tail.queueMs() + tail.cloudMs();
        LatencyBreakdown latency = LatencyBreakdown.of(head.queueMs(), head.reconfigurationMs(), head.edgeMs(),
                tail.transferMs(), cloudMs);
        // the board waits at its idle power over transfer and tail, as the paper counts edge energy
        double boardJ = edgeJ + head.waitWatts() * (tail.transferMs() + cloudMs) / 1000;
        FigureSources sources = new FigureSources(head.source(), head.source(), head.source(), tail.source(),
                tail.source(), head.source(), tail.source());
        return completion(request, config, model, latency, EnergyBreakdown.of(boardJ, tail.cloudJ(), tail.accounting()),
                sources, tail.finishWallMillis());
    }

    private Completion completion(InferenceRequest request, SplitConfig config, ModelDescriptor model,
                                  LatencyBreakdown latency, EnergyBreakdown energy, FigureSources sources,
                                  double finishWallMillis) {
        Instant now = Instant.now();
        InferenceResult result = new InferenceResult(InferenceResult.SCHEMA_VERSION, request.requestId(), deviceId,
                request.model(), ResultStatus.OK, List.of(), config, model.placement(config), latency, energy,
                request.latencyThresholdMs(), latency.totalMs() <= request.latencyThresholdMs(), sources,
                new HostTimings(0, 0, now.toEpochMilli() - request.submittedAt().toEpochMilli()),
                null, request.submittedAt(), now);
        return new Completion(result, finishWallMillis);
    }

    /**
     * A command's result and when, on the wall clock at the fleet's speed-up, the device (and its tail) would be
     * done: a paced fleet publishes then.
     */
    public record Completion(InferenceResult result, double finishWallMillis) {
    }
}
