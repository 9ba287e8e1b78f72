package io.dynasplit.scheduler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** {@code dynasplit.scheduler.*}. */
@ConfigMapping(prefix = "dynasplit.scheduler")
public interface SchedulerConfig {
    /** The edge devices this scheduler routes to: {@code deviceId=deviceClass,...}. */
    String devices();

    /**
     * A file listing the devices instead, one {@code deviceId=deviceClass} per line (commas allowed, {@code #}
     * comments): a fleet's list outgrows one environment variable (Linux caps one at 128 KiB, about 5,000 devices),
     * so the chart mounts it from a ConfigMap. When set, {@link #devices()} is ignored.
     */
    Optional<String> devicesFile();

    /** What to do when no configuration meets the threshold: {@code fastest}, {@code cheapest} or {@code reject}. */
    @WithDefault("fastest")
    String fallbackPolicy();

    /** Extra time past a request's deadline before a timeout result is published for it. */
    @WithDefault("30000")
    long timeoutGraceMs();

    /** How often (wall clock) each task looks for requests whose deadline plus grace has passed. */
    @WithDefault("PT0.5S")
    java.time.Duration deadlineSweepInterval();

    /**
     * Partitions of {@code dynasplit.requests}; results are re-keyed by device into as many so that a device's results
     * reach the replica that owns its deadlines. Default: the contract's count. Must equal the topic's (checked at start).
     */
    Optional<Integer> requestPartitions();

    /** Folder of Pareto store files ({@code *.json}) loaded at start-up; the Pareto topic updates them live. */
    Optional<String> frontDir();

    /** Testbed whose reconfiguration and edge-time figures the scheduler predicts with ({@code paper}, or {@code none}). */
    @WithDefault("paper")
    String testbed();

    /** Device clock speed-up shared with the edge nodes (see DeviceClock). */
    @WithDefault("1")
    double deviceClockSpeedup();

    /**
     * Relative energy margin within which the device keeps its current knobs instead of reconfiguring. The default is
     * the selection library's ({@code Selector.DEFAULT_KEEP_MARGIN}, as {@code dynasplit simulate} uses), so that a
     * simulation predicts what the scheduler does.
     */
    @WithDefault("0.02")
    double keepMargin();

    /**
     * Safety margin, in standard deviations of a configuration's observed latency spread: an entry is taken to meet
     * a threshold only when its corrected latency times {@code (1 + marginZ * spread)} does. 0 trusts the corrected
     * mean (more energy saved, more deadlines missed); the default is {@code FeedbackSettings.defaults()}'s.
     */
    @WithDefault("2.0")
    double marginZ();

    /** Largest request input accepted, bytes: base64 in JSON grows it by 4/3, and requests travel in 4 MiB records. */
    @WithDefault("3000000")
    int maxInputBytes();
}
