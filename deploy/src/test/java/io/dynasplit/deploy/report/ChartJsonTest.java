package io.dynasplit.deploy.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartJsonTest {

    @Test
    void noValueCanCloseTheScriptElementItIsWrittenInto() throws Exception {
        String text = ChartJson.forScript(ChartJson.object().put("title", "</script><b>a & b</b>"));

        assertFalse(text.contains("<") || text.contains(">") || text.contains("&"), text);
        assertEquals("</script><b>a & b</b>", new ObjectMapper().readTree(text).get("title").asText());
    }

    @Test
    void aNumberThatIsNotFiniteIsNullNotNaN() throws Exception {
        JsonNode point = new ObjectMapper().readTree(ChartJson.forScript(ChartJson.point(Double.NaN, 2.5)));

        assertTrue(point.get(0).isNull());
        assertEquals(2.5, point.get(1).asDouble());
        assertTrue(new ObjectMapper().readTree(ChartJson.forScript(Tip.titled("t").on(Double.POSITIVE_INFINITY)))
                .get("value").isNull());
    }
}
