package io.dynasplit.deploy.demo;

import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.evaluation.StrategySummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The demo's HTML report: one self-contained file (inline SVG, no scripts, nothing fetched) with, per model, the
 * Pareto front with the configurations DynaSplit chose, energy, latency and QoS per strategy, the decision mix, and
 * the per-request timeline of the live run.
 */
final class DemoReport {
    private static final int W = 640;
    private static final int H = 300;
    private static final int PAD = 50;

    private final List<ModelRun> runs;
    private final StringBuilder html = new StringBuilder();

    DemoReport(List<ModelRun> runs) {
        this.runs = runs;
    }

    Path write(Path file) throws IOException {
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>DynaSplit demo report</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eee}")
                .append("td:first-child,th:first-child{text-align:left}svg{background:#fafafa;border:1px solid #ddd;margin:.5em 0}")
                .append(".live{font-weight:bold}</style></head><body>")
                .append("<h1>DynaSplit demo report</h1><p>Live pipeline (Kafka, scheduler, two edge nodes, cloud node) on the ")
                .append("emulated paper testbed; baselines on the same thresholds on the emulated testbed. ")
                .append("Device times and energy are the testbed's (labelled <code>emulated:</code> in every result). ")
                .append("<b>oracle</b>: per request, the cheapest configuration of the whole space that meets the threshold ")
                .append("by the profile (the testbed's medians); <b>oracle-hindsight</b> also knows each configuration's ")
                .append("actual run for that request.</p>");
        for (ModelRun run : runs) {
            section(run);
        }
        html.append("</body></html>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html);
        return file;
    }

    private void section(ModelRun run) {
        html.append("<h2 id=\"").append(run.model().name()).append("\">").append(run.model().name()).append("</h2>");
        html.append("<p>").append(run.thresholds().length).append(" requests; thresholds: ")
                .append(esc(run.thresholdSource())).append(".</p>");
        summaryTable(run.summaries());
        html.append("<h3>Pareto front (latency vs energy, log scales); chosen configurations ringed</h3>");
        front(run);
        html.append("<h3>Mean energy per request (J)</h3>");
        bars(run.summaries(), StrategySummary::energyMeanJ);
        html.append("<h3>Mean latency per request (ms)</h3>");
        bars(run.summaries(), StrategySummary::latencyMeanMs);
        html.append("<h3>Live run, per request: latency (dots: green met, red missed) and threshold (line)</h3>");
        timeline(run);
    }

    private void summaryTable(List<StrategySummary> summaries) {
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
        html.append("</table>");
    }

    private void front(ModelRun run) {
        List<ParetoEntry> entries = run.front().entries();
        Set<SplitConfig> chosen = new HashSet<>();
        run.live().stream().map(InferenceResult::config).filter(c -> c != null).forEach(chosen::add);
        double[] lx = logRange(entries.stream().mapToDouble(ParetoEntry::latencyMs).toArray());
        double[] ly = logRange(entries.stream().mapToDouble(ParetoEntry::energyJ).toArray());
        svgOpen();
        axes("latency (ms)", "energy (J)", lx, ly, true);
        for (ParetoEntry e : entries) {
            double x = sx(Math.log10(e.latencyMs()), lx);
            double y = sy(Math.log10(e.energyJ()), ly);
            html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#4a7\"><title>%s: %.1f ms, %.2f J</title></circle>",
                    x, y, esc(e.config().label()), e.latencyMs(), e.energyJ()));
            if (chosen.contains(e.config())) {
                html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\" stroke=\"#c33\" stroke-width=\"2\"/>", x, y));
            }
        }
        html.append("</svg>");
    }

    private void bars(List<StrategySummary> summaries, ToDoubleFunction<StrategySummary> value) {
        double max = summaries.stream().mapToDouble(value).filter(Double::isFinite).max().orElse(1);
        int rowH = 22;
        html.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">", W, rowH * summaries.size() + 10));
        int y = 5;
        for (StrategySummary s : summaries) {
            double v = value.applyAsDouble(s);
            double w = Double.isFinite(v) ? (W - 260) * v / max : 0;
            html.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\" font-size=\"12\">%s</text>", y + 15, esc(s.strategy())))
                    .append(String.format(Locale.ROOT, "<rect x=\"150\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>", y + 2, w,
                            s.strategy().equals(ModelRun.LIVE) ? "#c33" : "#58a"))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.2f</text>", 155 + w, y + 15, v));
            y += rowH;
        }
        html.append("</svg>");
    }

    private void timeline(ModelRun run) {
        List<InferenceResult> live = run.live();
        double[] all = new double[live.size() * 2];
        for (int i = 0; i < live.size(); i++) {
            all[2 * i] = run.thresholds()[i];
            all[2 * i + 1] = live.get(i).latency() == null ? run.thresholds()[i] : live.get(i).latency().totalMs();
        }
        double[] ly = logRange(all);
        double[] lx = {0, Math.max(1, live.size() - 1)};
        svgOpen();
        axes("request", "ms", lx, ly, false);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < live.size(); i++) {
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx(i, lx), sy(Math.log10(run.thresholds()[i]), ly)));
        }
        html.append("<polyline fill=\"none\" stroke=\"#999\" points=\"").append(line).append("\"/>");
        for (int i = 0; i < live.size(); i++) {
            InferenceResult r = live.get(i);
            if (r.latency() == null) {
                continue;
            }
            html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>#%d %s: %.1f ms (threshold %.1f), %.2f J</title></circle>",
                    sx(i, lx), sy(Math.log10(r.latency().totalMs()), ly), r.thresholdMet() ? "#2a2" : "#d22", i,
                    esc(r.config().label()), r.latency().totalMs(), run.thresholds()[i], r.energy().totalJ()));
        }
        html.append("</svg>");
    }

    private void svgOpen() {
        html.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">", W, H));
    }

    private void axes(String xLabel, String yLabel, double[] lx, double[] ly, boolean logX) {
        html.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", PAD, H - PAD, W - 10, H - PAD))
                .append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", PAD, PAD, H - PAD))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", W / 2, H - 10, esc(xLabel)))
                .append(String.format(Locale.ROOT, "<text x=\"5\" y=\"20\" font-size=\"12\">%s</text>", esc(yLabel)))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", PAD, H - PAD + 14, tick(lx[0], logX)))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", W - 60, H - PAD + 14, tick(lx[1], logX)))
                .append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\" font-size=\"10\">%s</text>", H - PAD, tick(ly[0], true)))
                .append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\" font-size=\"10\">%s</text>", 20 + 12, tick(ly[1], true)));
    }

    private static String tick(double v, boolean log) {
        return String.format(Locale.ROOT, "%.3g", log ? Math.pow(10, v) : v);
    }

    private static double[] logRange(double[] values) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, Math.log10(v));
                hi = Math.max(hi, Math.log10(v));
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        return hi - lo < 1e-9 ? new double[] {lo - 0.5, hi + 0.5} : new double[] {lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)};
    }

    private static double sx(double v, double[] range) {
        return PAD + (W - PAD - 10) * (v - range[0]) / (range[1] - range[0]);
    }

    private static double sy(double v, double[] range) {
        return (H - PAD) - (H - PAD - 10) * (v - range[0]) / (range[1] - range[0]);
    }

    private static String cell(String s) {
        return "<td>" + esc(s) + "</td>";
    }

    private static String num(double v, int digits) {
        return "<td>" + (Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "-") + "</td>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
