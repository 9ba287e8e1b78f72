package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.LatencyBreakdown;
import io.dynasplit.contracts.ModelDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * The live run request by request: each request's threshold as a step line, its latency as a point (met and missed
 * in their own series and colours) on a log axis; on hover the configuration, the latency's and the energy's
 * breakdown, and the margin to the threshold. Requests with no result (rejected, failed) sit on their threshold.
 */
public final class TimelineChart {
    private TimelineChart() {
    }

    public static Chart of(ModelDescriptor model, double[] thresholdsMs, List<InferenceResult> live) {
        ArrayNode threshold = ChartJson.array();
        ArrayNode met = ChartJson.array();
        ArrayNode missed = ChartJson.array();
        ArrayNode notServed = ChartJson.array();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            int n = i + 1;
            InferenceResult r = live.get(i);
            double t = i < thresholdsMs.length ? thresholdsMs[i] : r.latencyThresholdMs();
            threshold.add(Tip.titled("request " + n).row("threshold", Tip.ms(t)).on(ChartJson.point(n, t)));
            values.add(t);
            if (r.latency() == null || r.config() == null) {
                notServed.add(Tip.titled("request " + n + ": " + r.status().wireName())
                        .row("threshold", Tip.ms(t))
                        .row("detail", r.detail() == null ? "-" : r.detail())
                        .on(ChartJson.point(n, t)));
                continue;
            }
            double ms = r.latency().totalMs();
            values.add(ms);
            (r.thresholdMet() ? met : missed).add(tip(model, n, t, r).on(ChartJson.point(n, ms)));
        }
        ObjectNode option = Chart.baseOption();
        Chart.legend(option);
        Chart.roomForVerticalAxisName(option);
        Chart.zoomable(option);
        option.set("xAxis", Axes.value("request").put("min", 1).put("max", Math.max(1, live.size())).put("minInterval", 1));
        option.set("yAxis", Axes.log("latency (ms)", values.stream().mapToDouble(Double::doubleValue).toArray())
                .put("nameGap", 52));
        ArrayNode series = option.putArray("series");
        ObjectNode line = series.addObject().put("name", "threshold").put("type", "line").put("step", "middle")
                .put("showSymbol", false);
        line.putObject("lineStyle").put("color", Palette.THRESHOLD).put("width", 1.5);
        line.putObject("itemStyle").put("color", Palette.THRESHOLD);
        line.set("data", threshold);
        scatter(series, "met", "circle", 9, Palette.MET, met);
        scatter(series, "missed", "triangle", 13, Palette.MISSED, missed);
        if (!notServed.isEmpty()) {
            scatter(series, "no result", "diamond", 13, Palette.NOT_SERVED, notServed);
        }
        return new Chart(model.name() + ": the live run, request by request: latency (points) against its threshold (line), "
                + met.size() + " met, " + missed.size() + " missed" + (notServed.isEmpty() ? "" : ", " + notServed.size()
                + " without a result"), 360, option);
    }

    private static void scatter(ArrayNode series, String name, String symbol, int size, String colour, ArrayNode data) {
        ObjectNode s = series.addObject().put("name", name).put("type", "scatter").put("symbol", symbol)
                .put("symbolSize", size).put("z", 3);
        s.putObject("itemStyle").put("color", colour);
        s.set("data", data);
    }

    private static Tip tip(ModelDescriptor model, int n, double thresholdMs, InferenceResult r) {
        LatencyBreakdown l = r.latency();
        Tip tip = Tip.titled("request " + n + ": " + (r.thresholdMet() ? "met" : "MISSED") + ", " + r.config().label());
        ConfigText.knobs(tip, model, r.config())
                .row("latency", Tip.ms(l.totalMs()) + " (threshold " + Tip.ms(thresholdMs) + ", margin "
                        + Tip.ms(thresholdMs - l.totalMs()) + ")")
                .row("latency breakdown", "queue " + Tip.ms(l.queueMs()) + ", switch " + Tip.ms(l.reconfigurationMs())
                        + ", edge " + Tip.ms(l.edgeMs()) + ", transfer " + Tip.ms(l.transferMs()) + ", cloud "
                        + Tip.ms(l.cloudMs()));
        if (r.energy() != null) {
            tip.row("energy", Tip.joules(r.energy().totalJ()) + " (edge " + Tip.joules(r.energy().edgeJ()) + ", cloud "
                    + Tip.joules(r.energy().cloudJ()) + ")");
            if (r.energy().accounting() != null) {
                tip.row("energy accounting", r.energy().accounting());
            }
        }
        if (r.sources() != null) {
            tip.row("sources", "edge " + r.sources().edgeLatency() + " / " + r.sources().edgeEnergy() + ", cloud "
                    + r.sources().cloudLatency() + " / " + r.sources().cloudEnergy());
        }
        return tip;
    }
}
