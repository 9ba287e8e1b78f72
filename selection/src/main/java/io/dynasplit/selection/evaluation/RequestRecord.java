package io.dynasplit.selection.evaluation;

import io.dynasplit.contracts.Placement;
import io.dynasplit.contracts.SplitConfig;

/**
 * One request as a strategy ran it. Latency and energy are the whole request's, reconfiguration included; a
 * rejected request has no configuration, NaN figures and counts as a missed deadline.
 */
public record RequestRecord(int index, double thresholdMs, SplitConfig config, Placement placement, double latencyMs,
                            double energyJ, double reconfigurationMs, boolean met, boolean fallback) {

    public static RequestRecord rejected(int index, double thresholdMs) {
        return new RequestRecord(index, thresholdMs, null, null, Double.NaN, Double.NaN, 0.0, false, true);
    }

    public boolean rejected() {
        return config == null;
    }

    /** The CSV header {@code simulate} prints. */
    public static final String CSV_HEADER =
            "index,threshold_ms,layer,cpu_mhz,edge_accelerator,cloud_gpu,latency_ms,energy_j,met";

    /** One line in the {@link #CSV_HEADER} format; configuration and figures are empty when rejected. */
    public String csvLine() {
        if (rejected()) {
            return index + "," + fmt(thresholdMs, 3) + ",,,,,,," + met;
        }
        return index + "," + fmt(thresholdMs, 3) + "," + config.layer() + "," + config.cpuMhz() + ","
                + config.edgeAccelerator().wireName() + "," + config.cloudGpu() + "," + fmt(latencyMs, 3) + ","
                + fmt(energyJ, 4) + "," + met;
    }

    private static String fmt(double v, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }
}
