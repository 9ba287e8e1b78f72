package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Axes with a name and a readable scale. ECharts labels a log axis only at whole powers of its base, so a base-10
 * axis over a front from 94 to 1,800 ms would carry two labels: {@link #log} takes base 2 while the data spans at
 * most nine doublings (every doubling labelled) and base 10 beyond, and starts and ends the axis on whole powers so
 * both ends are labelled.
 */
final class Axes {
    /** Above this many doublings ECharts would label every tenth one only; base 10 from there. */
    static final int MAX_DOUBLINGS = 9;

    private Axes() {
    }

    /** A log axis over the positive, finite {@code values} (1 to 10 when there are none). */
    static ObjectNode log(String name, double... values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 1;
            hi = 10;
        }
        int base = doublings(lo, hi) <= MAX_DOUBLINGS ? 2 : 10;
        double min = Math.pow(base, Math.floor(log(lo, base) + 1e-9));
        double max = Math.pow(base, Math.ceil(log(hi, base) - 1e-9));
        if (min == max) {
            min /= base;
            max *= base;
        }
        ObjectNode axis = named("log", name);
        axis.put("logBase", base).put("min", min).put("max", max).put("splitNumber", 5);
        axis.putObject("axisLabel").set("formatter", ChartJson.fn("number"));
        axis.putObject("splitLine").put("show", true);
        return axis;
    }

    static int doublings(double lo, double hi) {
        return (int) (Math.ceil(log(hi, 2) - 1e-9) - Math.floor(log(lo, 2) + 1e-9));
    }

    /** A value axis from zero. */
    static ObjectNode value(String name) {
        ObjectNode axis = named("value", name);
        axis.putObject("axisLabel").set("formatter", ChartJson.fn("number"));
        return axis;
    }

    /** A category axis listing {@code names} in order (top to bottom when vertical). */
    static ObjectNode category(List<String> names, boolean vertical) {
        ObjectNode axis = ChartJson.object().put("type", "category");
        ArrayNode data = axis.putArray("data");
        names.forEach(data::add);
        if (vertical) {
            axis.put("inverse", true);
        }
        axis.putObject("axisTick").put("alignWithLabel", true);
        return axis;
    }

    private static ObjectNode named(String type, String name) {
        return ChartJson.object().put("type", type).put("name", name).put("nameLocation", "middle").put("nameGap", 32);
    }

    private static double log(double v, int base) {
        return Math.log(v) / Math.log(base);
    }
}
