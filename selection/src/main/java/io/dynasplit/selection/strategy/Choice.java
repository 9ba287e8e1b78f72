package io.dynasplit.selection.strategy;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.index.Selection;

/**
 * What a strategy picked for one request and what it expected; null {@code config} when it rejected the request.
 */
public record Choice(SplitConfig config, boolean fallback, String reason, double predictedLatencyMs,
                     double predictedEnergyJ) {

    public static Choice fixed(SplitConfig config, String reason) {
        return new Choice(config, false, reason, Double.NaN, Double.NaN);
    }

    public static Choice of(Selection s) {
        return new Choice(s.config(), s.fallback(), s.reason().name(), s.predictedLatencyMs(), s.predictedEnergyJ());
    }

    public boolean rejected() {
        return config == null;
    }
}
