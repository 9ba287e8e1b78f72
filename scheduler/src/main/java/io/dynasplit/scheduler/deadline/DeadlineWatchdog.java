package io.dynasplit.scheduler.deadline;

import io.dynasplit.contracts.EdgeCommand;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.scheduler.SchedulerConfig;
import io.dynasplit.servicekit.dedupe.ResultsTracker;
import io.dynasplit.servicekit.messaging.ResultPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Nothing is lost silently: a routed request with no result by its deadline plus {@code timeout-grace-ms} gets a
 * {@code timeout} result. A result that arrives later is still published by the node that produced it.
 */
@ApplicationScoped
public class DeadlineWatchdog {
    private static final Logger LOG = Logger.getLogger(DeadlineWatchdog.class);

    private record Pending(EdgeCommand command, long expiresAtMillis) {
    }

    @Inject
    SchedulerConfig config;

    @Inject
    ResultPublisher publisher;

    @Inject
    ResultsTracker tracker;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deadline-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::expire, 500, 500, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public void track(EdgeCommand command) {
        pending.put(command.request().requestId(),
                new Pending(command, command.deadline().toEpochMilli() + config.timeoutGraceMs()));
    }

    /** A result arrived: the request is no longer pending. */
    public void completed(String requestId) {
        pending.remove(requestId);
    }

    public int pendingCount() {
        return pending.size();
    }

    void expire() {
        long now = System.currentTimeMillis();
        List<Pending> due = pending.values().stream().filter(p -> p.expiresAtMillis() <= now).toList();
        for (Pending p : due) {
            String id = p.command().request().requestId();
            pending.remove(id);
            if (tracker.claim(id)) {
                try {
                    publisher.publish(finalResult(p.command().request(), ResultStatus.TIMEOUT,
                            "no result within the deadline plus " + config.timeoutGraceMs() + " ms"));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "timeout result for %s not published", id);
                }
            }
        }
    }

    /** A result the scheduler decides itself (rejected or timed out): no configuration ran, nothing was spent. */
    public InferenceResult finalResult(InferenceRequest request, ResultStatus status, String detail) {
        Instant now = Instant.now();
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, request.requestId(), request.edgeDeviceId(),
                request.model(), status, List.of(), null, null, null, null, request.latencyThresholdMs(), false, null,
                null, detail, request.submittedAt(), now);
    }
}
