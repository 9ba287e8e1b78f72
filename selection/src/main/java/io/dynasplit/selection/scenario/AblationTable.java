package io.dynasplit.selection.scenario;

import io.dynasplit.statistics.Summary;

import java.util.List;
import java.util.Locale;

/** The ablation as a Markdown table: per selection, deadlines met and mean energy over the seeds. */
public final class AblationTable {
    private AblationTable() {
    }

    public static String format(List<Ablation.Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| selection | deadlines met % (mean ± 95% CI over seeds) | min-max | mean energy J (mean ± 95% CI) | min-max |\n");
        b.append("|---|---|---|---|---|\n");
        for (Ablation.Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %.2f-%.2f | %s | %s-%s |%n", r.selection(),
                    meanCi(r.metPercent(), 2), r.metPercent().min(), r.metPercent().max(),
                    meanCi(r.meanEnergyJ(), digits(r.meanEnergyJ().mean())), fmt(r.meanEnergyJ().min()),
                    fmt(r.meanEnergyJ().max())));
        }
        return b.toString();
    }

    private static String meanCi(Summary s, int digits) {
        double hw = s.meanHalfWidth(0.95);
        String f = "%." + digits + "f";
        return Double.isNaN(hw) ? String.format(Locale.ROOT, f, s.mean())
                : String.format(Locale.ROOT, f + " ± " + f, s.mean(), hw);
    }

    private static int digits(double value) {
        return Math.abs(value) >= 10 ? 2 : 3;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%." + digits(v) + "f", v);
    }
}
