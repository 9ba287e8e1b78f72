package io.dynasplit.scheduler.feedback;

import io.dynasplit.contracts.EventTypes;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ReprofileRequest;
import io.dynasplit.contracts.Topics;
import io.dynasplit.selection.staleness.StalenessCriterion;
import io.dynasplit.selection.staleness.StalenessMonitor;
import io.dynasplit.servicekit.messaging.OutgoingEvents;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.contracts.WireFormatException;
import io.dynasplit.scheduler.routing.DeviceRegistry;
import io.dynasplit.scheduler.store.ParetoStore;
import io.dynasplit.servicekit.dedupe.ResultsHistory;
import io.dynasplit.servicekit.startup.KafkaClientConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Runtime feedback: each result's observed latency and energy (excluding queueing and reconfiguration, which the
 * scheduler predicts separately) correct the offline prediction of the configuration that produced it. Every replica
 * reads every result, so all learn the same corrections; a replica that starts first replays the results of the last
 * {@code dynasplit.scheduler.feedback-history}, so what was learnt survives a restart.
 */
@ApplicationScoped
public class ResultFeedback {
    private static final Logger LOG = Logger.getLogger(ResultFeedback.class);

    @Inject
    ParetoStore store;

    @Inject
    DeviceRegistry devices;

    @ConfigProperty(name = "dynasplit.scheduler.feedback-history", defaultValue = "PT1H")
    java.time.Duration history;

    @Inject
    Config config;

    @Inject
    @Channel("reprofile")
    Emitter<byte[]> reprofile;

    /** One per scheduler: every replica sees every result, and asks at most once per front version. */
    private final StalenessMonitor staleness = new StalenessMonitor(StalenessCriterion.defaults(), "/dynasplit/scheduler");

    void onStart(@Observes StartupEvent event) {
        Thread replay = new Thread(this::replayHistory, "feedback-history");
        replay.setDaemon(true);
        replay.start();
    }

    private void replayHistory() {
        try {
            long t0 = System.nanoTime();
            int n = ResultsHistory.loadRecords(KafkaClientConfig.from(config), history, this::onResult);
            LOG.infof("feedback: %d results of the last %s replayed in %d ms", n, history,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("feedback history unavailable (%s): corrections start from the profile", e.toString());
        }
    }

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
        if (result.status() != ResultStatus.OK || result.config() == null || result.latency() == null) {
            return;
        }
        devices.deviceClass(result.edgeDeviceId())
                .flatMap(deviceClass -> store.selector(result.model(), deviceClass))
                .ifPresent(selector -> {
                    selector.observe(result);
                    staleness.observe(selector.front(), result).ifPresent(this::askForNewFront);
                });
    }

    /** The front no longer matches what runs: the optimizer's re-profiling service answers with a newer version. */
    private void askForNewFront(ReprofileRequest request) {
        LOG.infof("front %s v%d looks stale (%d configurations off their profile): asking for a new one on %s",
                request.key(), request.frontVersion(), request.evidence().size(), Topics.REPROFILE);
        reprofile.send(OutgoingEvents.json(Json.write(request), request.key(), EventTypes.REPROFILE_REQUEST,
                ReprofileRequest.class, "scheduler"));
    }
}
