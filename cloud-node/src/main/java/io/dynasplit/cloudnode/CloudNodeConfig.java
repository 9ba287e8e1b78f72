package io.dynasplit.cloudnode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code dynasplit.cloud.*}: this node's identity, hardware and energy accounting. */
@ConfigMapping(prefix = "dynasplit.cloud")
public interface CloudNodeConfig {
    String nodeId();

    /** The emulated testbed whose device times and energy this node reports when no real meter exists. */
    @WithDefault("paper")
    String testbed();

    /**
     * {@code auto}: real drivers when present, else emulated; energy from real meters (RAPL, NVML), else the host
     * model ({@code estimated:host-model}); {@code emulated}: always the emulated profile's.
     */
    @WithDefault("auto")
    String hardware();

    /** The host energy model's power per busy core, W, used in {@code auto} mode where no meter exists. */
    @WithDefault("10.0")
    double hostWattsPerCore();

    /** Sleep to emulated device time divided by this factor; 0 disables pacing. */
    @WithDefault("0")
    double pacingSpeedup();

    /** Tails the emulated node runs at once (a GPU node serves several requests side by side). */
    @WithDefault("4")
    int slots();

    /** {@code whole-node} (as the paper: the node's wall power over the tail) or {@code gpu-marginal}. */
    @WithDefault("whole-node")
    String energyAccounting();
}
