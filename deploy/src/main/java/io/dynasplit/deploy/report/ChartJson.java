package io.dynasplit.deploy.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ECharts options as Jackson trees, and their text for a {@code <script type="application/json">} element: {@code <},
 * {@code >} and {@code &} are written as {@code \}{@code u} escapes, so no value can end the element. A
 * function (an axis label or tooltip formatter) is written as {@code {"fn": "name"}}; the page's script replaces it
 * with its function of that name ({@code report.js}).
 */
public final class ChartJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    }

    private ChartJson() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A formatter of the page's script: {@code number} (axis ticks) or {@code tip} (a data item's {@link Tip}). */
    public static ObjectNode fn(String name) {
        return object().put("fn", name);
    }

    /** {@code [x, y]}, a non-finite coordinate as null (ECharts leaves the point out). */
    static ArrayNode point(double x, double y) {
        ArrayNode point = array();
        add(point, x);
        add(point, y);
        return point;
    }

    /** Adds {@code v}, or null when it is not finite (JSON has no NaN). */
    static void add(ArrayNode array, double v) {
        if (Double.isFinite(v)) {
            array.add(v);
        } else {
            array.addNull();
        }
    }

    /** The JSON text, safe inside a script element of an HTML page. */
    public static String forScript(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chart option", e);
        }
    }

    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] escapes = standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
