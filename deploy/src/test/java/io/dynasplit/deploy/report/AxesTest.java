package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AxesTest {

    @Test
    void aFrontSpanningAFewDoublingsIsLabelledAtEveryDoublingFromAWholePowerToAWholePower() {
        ObjectNode axis = Axes.log("latency (ms)", 94.2, 427.8, 1800.4);

        assertEquals("log", axis.get("type").asText());
        assertEquals(2, axis.get("logBase").asInt());
        assertEquals(64, axis.get("min").asDouble());
        assertEquals(2048, axis.get("max").asDouble());
        assertEquals("number", axis.get("axisLabel").get("formatter").get("fn").asText());
    }

    @Test
    void moreThanNineDoublingsTakeBaseTen() {
        ObjectNode axis = Axes.log("energy (J)", 0.05, 120);

        assertEquals(10, axis.get("logBase").asInt());
        assertEquals(0.01, axis.get("min").asDouble(), 1e-12);
        assertEquals(1000, axis.get("max").asDouble(), 1e-9);
    }

    @Test
    void exactPowersAreTheEndsAndOneValueGetsAPowerEitherSide() {
        assertEquals(1024, Axes.log("x", 128, 1024).get("max").asDouble());
        assertEquals(128, Axes.log("x", 128, 1024).get("min").asDouble());
        ObjectNode one = Axes.log("x", 256);
        assertEquals(128, one.get("min").asDouble());
        assertEquals(512, one.get("max").asDouble());
    }

    @Test
    void noUsableValueGivesOneToTen() {
        ObjectNode axis = Axes.log("x", 0, -3, Double.NaN);

        assertEquals(1, axis.get("min").asDouble());
        assertEquals(16, axis.get("max").asDouble());
    }
}
