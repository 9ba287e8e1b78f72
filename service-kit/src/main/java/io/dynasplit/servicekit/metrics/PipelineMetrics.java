package io.dynasplit.servicekit.metrics;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Models;
import io.dynasplit.servicekit.deadletter.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * DynaSplit's metrics, with bounded labels only (model, placement, status, part, reason: small fixed sets; device ids
 * are bounded by the fleet). A model label is a built-in or imported model's name, else {@value #OTHER_MODEL}: the
 * catalog grows with imports, but a forged record's model name must not become a new time series. Histograms, no
 * summaries on the hot path.
 */
@ApplicationScoped
public class PipelineMetrics {
    static final String OTHER_MODEL = "other";

    @Inject
    MeterRegistry registry;

    /** The model's name when DynaSplit knows the model (built in or imported), else {@value #OTHER_MODEL}. */
    static String modelTag(String model) {
        return Models.find(model).isPresent() ? model : OTHER_MODEL;
    }

    public void decision(String model, String placement, boolean fallback) {
        Counter.builder("dynasplit.decisions").description("Configurations chosen by the scheduler")
                .tags("model", modelTag(model), "placement", placement, "fallback", Boolean.toString(fallback))
                .register(registry).increment();
    }

    /**
     * One record through one stage: {@code waitMs} from the record's Kafka timestamp until the stage took it up
     * (transport and consumer hand-off), {@code workMs} until the stage was done with it.
     */
    public void stage(String stage, double waitMs, double workMs) {
        timer(stage, "wait").record(java.time.Duration.ofNanos((long) (waitMs * 1e6)));
        timer(stage, "work").record(java.time.Duration.ofNanos((long) (workMs * 1e6)));
    }

    /** How long a send waited for the broker's acknowledgement. */
    public void published(String channel, long nanos) {
        io.micrometer.core.instrument.Timer.builder("dynasplit.publish")
                .description("Time from handing a record to Kafka until the broker acknowledged it")
                .tags("channel", channel).publishPercentileHistogram().register(registry)
                .record(java.time.Duration.ofNanos(nanos));
    }

    private io.micrometer.core.instrument.Timer timer(String stage, String phase) {
        return io.micrometer.core.instrument.Timer.builder("dynasplit.stage")
                .description("Time a record spends reaching a pipeline stage (wait) and in it (work)")
                // buckets, not per-instance percentiles: quantiles over N replicas are computed from their summed buckets
                .tags("stage", stage, "phase", phase).publishPercentileHistogram().register(registry);
    }

    public void deadLetter(String service, DeadLetterReason reason) {
        Counter.builder("dynasplit.dead.letters").description("Records sent to the dead-letter topic")
                .tags("service", service, "reason", reason.label()).register(registry).increment();
    }

    /** Something the scheduler did besides deciding: {@code repeated} (a redelivered request skipped), {@code timeout}. */
    public void schedulerEvent(String event) {
        Counter.builder("dynasplit.scheduler.events").description("Redelivered requests skipped and timeouts given")
                .tags("event", event).register(registry).increment();
    }

    public void reconfiguration(String device) {
        Counter.builder("dynasplit.reconfigurations").description("Edge hardware reconfigurations")
                .tags("device", device).register(registry).increment();
    }

    /** Counts a published result, its deadline outcome and its energy by part. */
    public void result(InferenceResult result) {
        String model = modelTag(result.model());
        Counter.builder("dynasplit.results").description("Results published")
                .tags("model", model, "status", result.status().wireName()).register(registry).increment();
        if (!result.thresholdMet()) {
            Counter.builder("dynasplit.deadlines.missed").description("Results that missed their latency threshold")
                    .tags("model", model).register(registry).increment();
        }
        if (result.energy() != null) {
            energy(model, "edge", result.energy().edgeJ());
            energy(model, "cloud", result.energy().cloudJ());
        }
    }

    private void energy(String model, String part, double joules) {
        DistributionSummary.builder("dynasplit.request.energy").baseUnit("joules")
                .description("Energy per request").tags("model", model, "part", part)
                .publishPercentileHistogram().register(registry).record(joules);
    }
}
