package io.dynasplit.servicekit.dedupe;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Knows which requests already have a result: those published in the last {@code dynasplit.dedupe.window} (read at
 * start-up) and every result since (channel {@code completed-results}, a consumer group of its own per instance).
 * Nodes ask it before doing work and before publishing, so a redelivered record never yields a second result.
 */
@ApplicationScoped
public class ResultsTracker {
    private static final Logger LOG = Logger.getLogger(ResultsTracker.class);

    @ConfigProperty(name = "dynasplit.dedupe.window", defaultValue = "PT1H")
    Duration window;

    @ConfigProperty(name = "dynasplit.dedupe.capacity", defaultValue = "200000")
    int capacity;

    @Inject
    Config config;

    private volatile CompletedRequests completed;
    private final CountDownLatch ready = new CountDownLatch(1);

    void onStart(@Observes StartupEvent event) {
        completed = new CompletedRequests(capacity);
        Thread loader = new Thread(this::loadHistory, "results-history");
        loader.setDaemon(true);
        loader.start();
    }

    private void loadHistory() {
        try {
            long t0 = System.nanoTime();
            int n = ResultsHistory.load(clientConfig(), window, completed::markComplete);
            LOG.infof("results history: %d results of the last %s read in %d ms", n, window,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("results history unavailable (%s): duplicates after a restart are possible", e.toString());
        } finally {
            ready.countDown();
        }
    }

    /** A poll's worth of results at once: every instance reads every result, so per-record dispatch would add up. */
    @Incoming("completed-results")
    public void onResults(ConsumerRecords<String, byte[]> records) {
        CompletedRequests now = completedNow();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null) {
                now.markComplete(record.key());
            }
        }
    }

    /** True when this request already has a result. Waits (bounded) for the start-up history. */
    public boolean isComplete(String requestId) {
        return completedNow().isComplete(requestId);
    }

    /** Claims the right to publish the result of this request: false when one was already published. */
    public boolean claim(String requestId) {
        return completedNow().markComplete(requestId);
    }

    private CompletedRequests completedNow() {
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                LOG.warn("results history still loading after 60 s; going on without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return completed;
    }

    private Map<String, Object> clientConfig() {
        return io.dynasplit.servicekit.startup.KafkaClientConfig.from(config);
    }
}
