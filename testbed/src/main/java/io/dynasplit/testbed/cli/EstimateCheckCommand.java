package io.dynasplit.testbed.cli;

import io.dynasplit.testbed.emulated.CalibrationData;
import io.dynasplit.testbed.emulated.CalibrationRow;
import io.dynasplit.testbed.emulated.EstimateCheck;
import io.dynasplit.testbed.emulated.EstimateCheck.Direction;
import io.dynasplit.testbed.emulated.FeatureSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code testbed estimate-check}: how far an {@code estimated:} figure can be trusted. Fits the per-operation
 * estimate on one measured network and predicts the other's measured configurations (and its own), then prints
 * the median error per quantity (docs/estimate.md).
 */
@Command(name = "estimate-check", mixinStandardHelpOptions = true,
        description = "Fit the per-operation estimate (what imported networks get) on one measured network, predict "
                + "the other's measured edge-CPU configurations, and print the median error per quantity.")
public final class EstimateCheckCommand implements Callable<Integer> {
    static final String HEADER = "| fitted on | predicted | rows | edge latency | edge energy | cloud latency "
            + "| cloud energy | latency | energy |";

    static final Map<FeatureSelection, String> TITLES = Map.of(
            FeatureSelection.VARYING, "First form: a shape feature gets a rate when it varies over the fitted "
                    + "network's split points",
            FeatureSelection.INDEPENDENT, "Form in use: a shape feature gets a rate when it varies independently "
                    + "of the features before it");

    @Spec
    CommandSpec spec;

    @Option(names = "--data", description = "Folder with vgg16-measured.csv and vit-measured.csv (default: the copy bundled in the jar).")
    Path data;

    @Override
    public Integer call() throws IOException {
        List<CalibrationRow> rows = data == null ? CalibrationData.bundled() : CalibrationData.read(data);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Median absolute error of the estimate, measured edge-CPU configurations "
                + "(data: " + (data == null ? "bundled" : data) + ")");
        out.println();
        for (FeatureSelection selection : List.of(FeatureSelection.VARYING, FeatureSelection.INDEPENDENT)) {
            out.println(TITLES.get(selection));
            out.println();
            out.println(HEADER);
            out.println("|---|---|---|---|---|---|---|---|---|");
            EstimateCheck.run(rows, selection).forEach(d -> out.println(row(d)));
            out.println();
        }
        StringBuilder rates = new StringBuilder("Edge CPU time per million MACs at 1800 MHz, fitted on each network alone:");
        EstimateCheck.cpuRates(rows).forEach((model, ms) ->
                rates.append(String.format(Locale.ROOT, " %s %.4f ms;", model, ms)));
        out.println(rates.substring(0, rates.length() - 1));
        out.flush();
        return 0;
    }

    static String row(Direction d) {
        return String.format(Locale.ROOT, "| %s | %s%s | %d | %s | %s | %s | %s | %s | %s |", d.fittedOn(), d.predicted(),
                d.inSample() ? " (in-sample)" : "", d.rows(), pct(d.edgeLatency()), pct(d.edgeEnergy()),
                pct(d.cloudLatency()), pct(d.cloudEnergy()), pct(d.latency()), pct(d.energy()));
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v);
    }
}
