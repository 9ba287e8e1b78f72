package io.dynasplit.scheduler.feedback;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.scheduler.deadline.DeadlineWatchdog;
import io.dynasplit.scheduler.routing.DeviceRegistry;
import io.dynasplit.scheduler.store.ParetoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Runtime feedback: each result's observed latency and energy (excluding queueing and reconfiguration, which the
 * scheduler predicts separately) correct the offline prediction of the configuration that produced it.
 */
@ApplicationScoped
public class ResultFeedback {
    private static final Logger LOG = Logger.getLogger(ResultFeedback.class);

    @Inject
    ParetoStore store;

    @Inject
    DeviceRegistry devices;

    @Inject
    DeadlineWatchdog watchdog;

    /** A poll's worth of results at once (every result passes here; per-record dispatch would add up). */
    @Incoming("feedback")
    public void onResults(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            onResult(record);
        }
    }

    void onResult(ConsumerRecord<String, byte[]> record) {
        InferenceResult result;
        try {
            result = Json.read(record.value(), InferenceResult.class);
        } catch (WireFormatException e) {
            LOG.debugf("unreadable result at offset %d ignored for feedback: %s", record.offset(), e.getMessage());
            return;
        }
        watchdog.completed(result.requestId());
        if (result.status() != ResultStatus.OK || result.config() == null || result.latency() == null) {
            return;
        }
        devices.deviceClass(result.edgeDeviceId())
                .flatMap(deviceClass -> store.selector(result.model(), deviceClass))
                .ifPresent(selector -> selector.observe(result.config(),
                        result.latency().edgeMs() + result.latency().transferMs() + result.latency().cloudMs(),
                        result.energy().totalJ()));
    }
}
