package io.dynasplit.servicekit.messaging;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Topics;
import io.dynasplit.servicekit.metrics.PipelineMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes results to {@code dynasplit.results} (channel {@code results}), keyed by request id, and counts them.
 * Waits until the broker has each one, so the record that led to it may then be acknowledged.
 */
@ApplicationScoped
public class ResultPublisher {
    @Inject
    @Channel("results")
    MutinyEmitter<byte[]> results;

    @Inject
    RequestPathSender sender;

    @Inject
    PipelineMetrics metrics;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "dynasplit")
    String source;

    public void publish(InferenceResult result) {
        var record = OutgoingEvents.record(Json.write(result), Topics.RESULTS, result.requestId(),
                EventTypes.INFERENCE_RESULT, InferenceResult.class, source, OutgoingEvents.JSON);
        long t0 = System.nanoTime();
        sender.sendAndAwait("results", results, record);
        metrics.published("results", System.nanoTime() - t0);
        metrics.result(result);
    }
}
