package io.dynasplit.deploy.demo;

import io.dynasplit.deploy.report.DecisionMixChart;
import io.dynasplit.deploy.report.ParetoChart;
import io.dynasplit.deploy.report.PlacementChart;
import io.dynasplit.deploy.report.ReportPage;
import io.dynasplit.deploy.report.StrategyChart;
import io.dynasplit.deploy.report.TimelineChart;
import io.dynasplit.selection.evaluation.StrategySummary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The demo's HTML report: one self-contained file (charts drawn by the inlined Apache ECharts, nothing fetched) with,
 * per model, the strategies' table, the Pareto front with the configurations DynaSplit chose, energy and latency per
 * strategy, the decision mix, placement per strategy, and the per-request timeline of the live run.
 */
final class DemoReport {
    private final List<ModelRun> runs;

    DemoReport(List<ModelRun> runs) {
        this.runs = runs;
    }

    Path write(Path file) throws IOException {
        ReportPage page = new ReportPage("DynaSplit demo report");
        page.html("<h1>DynaSplit demo report</h1><p>Live pipeline (Kafka, scheduler, two edge nodes, cloud node) on the "
                + "emulated paper testbed; baselines on the same thresholds on the emulated testbed. "
                + "Device times and energy are the testbed's (labelled <code>emulated:</code> in every result). "
                + "<b>oracle</b>: per request, the cheapest configuration of the whole space that meets the threshold "
                + "by the profile (the testbed's medians); <b>oracle-hindsight</b> also knows each configuration's "
                + "actual run for that request. Hover a point or a bar for its details; scroll on a front or a timeline to zoom, "
                + "drag to pan.</p>");
        if (runs.size() > 1) {
            page.html("<p>Models: ");
            for (int i = 0; i < runs.size(); i++) {
                String name = ReportPage.escape(runs.get(i).model().name());
                page.html((i > 0 ? ", " : "") + "<a href=\"#" + name + "\">" + name + "</a>");
            }
            page.html("</p>");
        }
        for (ModelRun run : runs) {
            section(page, run);
        }
        return page.write(file);
    }

    private static void section(ReportPage page, ModelRun run) {
        String name = run.model().name();
        page.html("<h2 id=\"" + ReportPage.escape(name) + "\">" + ReportPage.escape(name) + "</h2>")
                .html("<p>" + run.thresholds().length + " requests; thresholds: "
                        + ReportPage.escape(run.thresholdSource()) + ".</p>");
        summaryTable(page, run.summaries());
        page.chart(ParetoChart.of(run.model(), run.front(), run.live()))
                .chart(StrategyChart.energy(name, run.summaries(), ModelRun.LIVE))
                .chart(StrategyChart.latency(name, run.summaries(), ModelRun.LIVE))
                .chart(DecisionMixChart.of(run.model(), run.live()))
                .chart(PlacementChart.of(name, run.summaries()))
                .chart(TimelineChart.of(run.model(), run.thresholds(), run.live()));
    }

    private static void summaryTable(ReportPage page, List<StrategySummary> summaries) {
        StringBuilder html = new StringBuilder();
        html.append("<table><tr><th>strategy</th><th>latency median (ms)</th><th>latency mean</th><th>energy median (J)</th>")
                .append("<th>energy mean</th><th>deadlines missed</th><th>QoS met %</th><th>saving vs cloud %</th>")
                .append("<th>vs oracle %</th><th>edge / split / cloud</th></tr>");
        for (StrategySummary s : summaries) {
            html.append(s.strategy().equals(ModelRun.LIVE) ? "<tr class=\"live\">" : "<tr>")
                    .append(cell(s.strategy())).append(num(s.latencyMedianMs(), 1)).append(num(s.latencyMeanMs(), 1))
                    .append(num(s.energyMedianJ(), 2)).append(num(s.energyMeanJ(), 2)).append(cell(Integer.toString(s.deadlinesMissed())))
                    .append(num(s.qosMetPercent(), 1)).append(num(s.energySavingVsCloudPercent(), 1))
                    .append(num(s.energyVsOraclePercent(), 1))
                    .append(cell(s.edge() + " / " + s.split() + " / " + s.cloud())).append("</tr>");
        }
        page.html(html.append("</table>").toString());
    }

    private static String cell(String s) {
        return "<td>" + ReportPage.escape(s) + "</td>";
    }

    private static String num(double v, int digits) {
        return "<td>" + (Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "-") + "</td>";
    }
}
