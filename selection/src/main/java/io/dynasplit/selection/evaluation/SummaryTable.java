package io.dynasplit.selection.evaluation;

import java.util.List;
import java.util.Locale;

/** The paper's results table as fixed-width text. */
public final class SummaryTable {
    private static final String HEADER_FORMAT =
            "%-15s %9s %9s %9s %9s %8s %7s %9s %9s %-17s %6s %6s%n";
    private static final String ROW_FORMAT =
            "%-15s %9.1f %9.1f %9.2f %9.2f %8d %6.2f%% %8.1f%% %8.1f%% %-17s %6d %6d%n";

    private SummaryTable() {
    }

    public static String format(List<StrategySummary> summaries) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, HEADER_FORMAT, "strategy", "lat med", "lat mean", "E med", "E mean",
                "missed", "QoS met", "saving", "vs oracle", "edge/split/cloud", "fallbk", "switch"));
        sb.append(String.format(Locale.ROOT, HEADER_FORMAT, "", "(ms)", "(ms)", "(J)", "(J)", "", "", "vs cloud",
                "(E mean)", "", "", ""));
        for (StrategySummary s : summaries) {
            sb.append(String.format(Locale.ROOT, ROW_FORMAT, s.strategy(), s.latencyMedianMs(), s.latencyMeanMs(),
                    s.energyMedianJ(), s.energyMeanJ(), s.deadlinesMissed(), s.qosMetPercent(),
                    s.energySavingVsCloudPercent(), s.energyVsOraclePercent(),
                    s.edge() + "/" + s.split() + "/" + s.cloud(), s.fallbacks(), s.knobSwitches()));
        }
        return sb.toString();
    }
}
