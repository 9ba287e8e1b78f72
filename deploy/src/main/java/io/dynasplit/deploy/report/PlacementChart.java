package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynasplit.contracts.Placement;
import io.dynasplit.selection.evaluation.StrategySummary;

import java.util.List;

/** Where each strategy ran its requests: edge only, split or cloud only, stacked per strategy. */
public final class PlacementChart {
    private PlacementChart() {
    }

    public static Chart of(String model, List<StrategySummary> summaries) {
        ObjectNode option = Chart.baseOption();
        Chart.legend(option);
        option.set("yAxis", Axes.category(summaries.stream().map(StrategySummary::strategy).toList(), true));
        option.set("xAxis", Axes.value("requests").put("minInterval", 1));
        ArrayNode series = option.putArray("series");
        for (Placement placement : Placement.values()) {
            ArrayNode data = ChartJson.array();
            for (StrategySummary s : summaries) {
                int n = count(s, placement);
                data.add(Tip.titled(s.strategy() + ": " + Palette.name(placement))
                        .row("requests", n + " of " + s.requests())
                        .row("edge / split / cloud", s.edge() + " / " + s.split() + " / " + s.cloud())
                        .on(n));
            }
            ObjectNode bars = series.addObject().put("name", Palette.name(placement)).put("type", "bar")
                    .put("stack", "placement").put("barMaxWidth", 22);
            bars.putObject("itemStyle").put("color", Palette.of(placement));
            bars.set("data", data);
        }
        return new Chart(model + ": placement per strategy (requests run edge only, split, cloud only)",
                90 + 30 * summaries.size(), option);
    }

    private static int count(StrategySummary s, Placement placement) {
        return switch (placement) {
            case EDGE -> s.edge();
            case SPLIT -> s.split();
            case CLOUD -> s.cloud();
        };
    }
}
