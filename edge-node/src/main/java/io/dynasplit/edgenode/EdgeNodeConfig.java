package io.dynasplit.edgenode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code dynasplit.edge.*}: who this node is and how it reaches its hardware. */
@ConfigMapping(prefix = "dynasplit.edge")
public interface EdgeNodeConfig {
    /** The edge device this node serves; it reads only that device's commands topic. */
    String deviceId();

    /** The device class the Pareto store is kept for, e.g. {@code paper-pi4-coral}. */
    String deviceClass();

    /** The emulated testbed whose device times and energy this node reports when no real meter exists. */
    @WithDefault("paper")
    String testbed();

    /**
     * {@code auto}: real drivers when present, else emulated; energy from a real meter, else the host model
     * ({@code estimated:host-model}); {@code emulated}: always the emulated profile's.
     */
    @WithDefault("auto")
    String hardware();

    /** The host energy model's power per busy core, W, used in {@code auto} mode where no meter exists. */
    @WithDefault("10.0")
    double hostWattsPerCore();

    /** Sleep to emulated device time divided by this factor; 0 disables pacing. */
    @WithDefault("0")
    double pacingSpeedup();

    /**
     * Head commands taken from Kafka and waiting for the board, at most: the node stops taking commands (layer-0 ones
     * included) while that many wait, so that a backlog stays in Kafka rather than in memory.
     */
    @WithDefault("256")
    int boardBacklog();

    /** A drift injected into the emulated board: its heads slowed (none by default). */
    Drift drift();

    /** Largest request input accepted, bytes: base64 in JSON grows it by 4/3, and requests travel in 4 MiB records. */
    @WithDefault("3000000")
    int maxInputBytes();

    /**
     * {@code dynasplit.edge.drift.*}: from the node's {@code from-command}-th command on (0: the first), every head on
     * the emulated board takes {@code factor} times its profiled time and computing energy. For testing the closed
     * loop (a front that no longer matches the board is re-profiled) on a running stack; 1 = no drift.
     */
    interface Drift {
        @WithDefault("1.0")
        double factor();

        @WithDefault("0")
        long fromCommand();
    }
}
