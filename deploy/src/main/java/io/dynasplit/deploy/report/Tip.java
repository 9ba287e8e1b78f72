package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * What a data item shows on hover: a title and labelled rows, formatted here (units included) so every chart reads
 * the same; the page's {@code tip} formatter lays them out. A data item carrying one is {@code {"value": ..., "tip":
 * {"title": ..., "rows": [[label, text], ...]}}}.
 */
final class Tip {
    private final ObjectNode node = ChartJson.object();
    private final ArrayNode rows;

    private Tip(String title) {
        node.put("title", title);
        rows = node.putArray("rows");
    }

    static Tip titled(String title) {
        return new Tip(title);
    }

    Tip row(String label, String text) {
        rows.add(ChartJson.array().add(label).add(text));
        return this;
    }

    /** A data item: the value and this tip. */
    ObjectNode on(JsonNode value) {
        ObjectNode item = ChartJson.object();
        item.set("value", value);
        item.set("tip", node);
        return item;
    }

    /** A data item with one number (null when it is not finite). */
    ObjectNode on(double value) {
        ObjectNode item = ChartJson.object();
        if (Double.isFinite(value)) {
            item.put("value", value);
        } else {
            item.putNull("value");
        }
        item.set("tip", node);
        return item;
    }

    static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f ms", v) : "-";
    }

    static String joules(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f J", v) : "-";
    }

    static String signedPercent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.1f%%", v) : "-";
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v) : "-";
    }
}
