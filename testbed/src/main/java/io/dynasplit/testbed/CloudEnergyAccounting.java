package io.dynasplit.testbed;

import java.util.Locale;

/**
 * How a request's cloud energy is counted.
 *
 * <ul>
 *   <li>{@code whole-node}: the whole cloud node's wall power over the cloud's processing window, as the paper
 *       counts it (a ~900 W node, so any use of the cloud costs tens of joules);</li>
 *   <li>{@code gpu-marginal}: only the cloud GPU board's own energy over the same window (NVML total energy, the
 *       paper's {@code avg energy cloud gpu} column). With a CPU tail the GPU idles and its idle draw is what is
 *       counted; the host's CPU and the rest of the node are not.</li>
 * </ul>
 */
public enum CloudEnergyAccounting {
    WHOLE_NODE, GPU_MARGINAL;

    /** The name used in configuration, results and telemetry: {@code whole-node} or {@code gpu-marginal}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CloudEnergyAccounting parse(String value) {
        for (CloudEnergyAccounting a : values()) {
            if (a.wireName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("cloud energy accounting must be whole-node|gpu-marginal, got '" + value + "'");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
