package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A front found stale: runs of its configurations no longer match their profiled figures, so the optimizer should
 * profile the model on the device class again and publish a newer front. Topic {@link Topics#REPROFILE}, key:
 * {@link ParetoFront#key()}, JSON. The optimizer answers a request only while {@code frontVersion} is the newest
 * version it knows of: a front it has already replaced needs nothing more.
 *
 * @param frontVersion the version of the front the evidence was gathered on
 * @param criterion    the rule that found it stale, in words (thresholds included)
 * @param evidence     the configurations that ran off their profile, worst first
 * @param observations results seen on this front version when it was found stale
 * @param source       who asked, e.g. {@code /dynasplit/scheduler}
 */
public record ReprofileRequest(int schemaVersion, @JsonProperty(required = true) String model,
                               @JsonProperty(required = true) String deviceClass, long frontVersion,
                               @JsonProperty(required = true) String criterion,
                               @JsonProperty(required = true) List<DriftEvidence> evidence, long observations,
                               String source, Instant requestedAt) {
    public static final int SCHEMA_VERSION = 1;

    public ReprofileRequest {
        Objects.requireNonNull(model, "model is required");
        Objects.requireNonNull(deviceClass, "deviceClass is required");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public String key() {
        return ParetoFront.key(model, deviceClass);
    }

    /**
     * What the runs of one configuration showed against its profiled figures.
     *
     * @param offProfileRuns of its latest runs, those over the criterion's threshold
     * @param latencyRatio   median observed/profiled latency (edge + transfer + cloud) over its latest runs
     * @param energyRatio    median observed/profiled energy over its latest runs (NaN: none had a usable figure)
     */
    public record DriftEvidence(@JsonProperty(required = true) SplitConfig config, double profiledLatencyMs,
                                double profiledEnergyJ, int offProfileRuns, double latencyRatio, double energyRatio) {
    }
}
