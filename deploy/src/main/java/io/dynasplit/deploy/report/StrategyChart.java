package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynasplit.selection.evaluation.StrategySummary;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Mean energy or mean latency per request for every strategy on the same thresholds: horizontal bars on a value axis
 * with its unit, the value at each bar's end, the one strategy the report is about (the live run) in its own colour;
 * on hover the strategy's medians, deadlines and savings.
 */
public final class StrategyChart {
    private StrategyChart() {
    }

    /** Mean energy per request (J). */
    public static Chart energy(String model, List<StrategySummary> summaries, String highlighted) {
        return of(model + ": mean energy per request, by strategy", "mean energy per request (J)",
                summaries, highlighted, StrategySummary::energyMeanJ, 100);
    }

    /** Mean latency per request (ms). */
    public static Chart latency(String model, List<StrategySummary> summaries, String highlighted) {
        return of(model + ": mean latency per request, by strategy", "mean latency per request (ms)",
                summaries, highlighted, StrategySummary::latencyMeanMs, 10);
    }

    private static Chart of(String title, String axisName, List<StrategySummary> summaries, String highlighted,
                            ToDoubleFunction<StrategySummary> value, double rounding) {
        ObjectNode option = Chart.baseOption();
        option.set("yAxis", Axes.category(summaries.stream().map(StrategySummary::strategy).toList(), true));
        option.set("xAxis", Axes.value(axisName));
        ArrayNode data = ChartJson.array();
        for (StrategySummary s : summaries) {
            double v = value.applyAsDouble(s);
            ObjectNode item = tip(s).on(Double.isFinite(v) ? Math.round(v * rounding) / rounding : v);
            item.putObject("itemStyle").put("color", s.strategy().equals(highlighted) ? Palette.HIGHLIGHT : Palette.BASELINE);
            data.add(item);
        }
        ObjectNode bars = option.putArray("series").addObject().put("name", axisName).put("type", "bar").put("barMaxWidth", 22);
        bars.putObject("label").put("show", true).put("position", "right");
        bars.set("data", data);
        return new Chart(title, 60 + 30 * summaries.size(), option);
    }

    private static Tip tip(StrategySummary s) {
        return Tip.titled(s.strategy() + ", " + s.requests() + " requests")
                .row("energy mean / median", Tip.joules(s.energyMeanJ()) + " / " + Tip.joules(s.energyMedianJ()))
                .row("latency mean / median", Tip.ms(s.latencyMeanMs()) + " / " + Tip.ms(s.latencyMedianMs()))
                .row("deadlines met", Tip.percent(s.qosMetPercent()) + " (" + s.deadlinesMissed() + " missed)")
                .row("energy saved vs cloud only", Tip.percent(s.energySavingVsCloudPercent()))
                .row("energy vs the oracle's", Tip.signedPercent(s.energyVsOraclePercent()))
                .row("edge / split / cloud", s.edge() + " / " + s.split() + " / " + s.cloud());
    }
}
