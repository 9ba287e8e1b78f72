package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One chart of the report: its caption, its height on the page and its ECharts option.
 *
 * @param title    the caption above the chart
 * @param heightPx the chart's height (its width follows the page)
 * @param option   the ECharts option, functions as {@link ChartJson#fn} markers
 */
public record Chart(String title, int heightPx, ObjectNode option) {
    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(option, "option");
        if (heightPx <= 0) {
            throw new IllegalArgumentException("heightPx must be > 0, got " + heightPx);
        }
    }

    /**
     * What every chart shares: no animation (the page is read as drawn, by people and by the rendering test), a
     * tooltip on each data item showing its {@link Tip}, and a grid that keeps the axis labels inside the chart.
     */
    static ObjectNode baseOption() {
        ObjectNode option = ChartJson.object().put("animation", false);
        ObjectNode tooltip = option.putObject("tooltip").put("trigger", "item").put("confine", true);
        tooltip.set("formatter", ChartJson.fn("tip"));
        option.putObject("grid").put("left", 20).put("right", 40).put("top", 40).put("bottom", 50)
                .put("containLabel", true);
        return option;
    }

    /** Room left of the grid for a vertical axis's name beside its numbers. */
    static void roomForVerticalAxisName(ObjectNode option) {
        ((ObjectNode) option.get("grid")).put("left", 64);
    }

    /**
     * Zoom with the mouse wheel and pan by dragging, on both axes, for clustered points; nothing is filtered out, so
     * a point outside the zoom is only out of view.
     */
    static void zoomable(ObjectNode option) {
        var zooms = option.putArray("dataZoom");
        zooms.addObject().put("type", "inside").put("xAxisIndex", 0).put("filterMode", "none");
        zooms.addObject().put("type", "inside").put("yAxisIndex", 0).put("filterMode", "none");
    }

    /** A legend across the top of the chart. */
    static void legend(ObjectNode option) {
        option.putObject("legend").put("top", 0);
    }
}
