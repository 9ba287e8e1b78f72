package io.dynasplit.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRoundTripTest {

    @Test
    void controlEventsRoundTrip() {
        for (Object event : Samples.all()) {
            if (event instanceof SplitTensor || event instanceof InferenceRequest || event instanceof EdgeCommand) {
                continue; // byte[] members: compared below
            }
            Object back = Json.read(Json.write(event), event.getClass());
            assertEquals(event, back, event.getClass().getSimpleName());
        }
    }

    @Test
    void requestKeepsItsPayload() {
        InferenceRequest back = Json.read(Json.write(Samples.request()), InferenceRequest.class);
        assertArrayEquals(new byte[] {1, 2, 3}, back.input());
        assertEquals(Samples.T0, back.submittedAt());
        EdgeCommand cmd = Json.read(Json.write(Samples.command()), EdgeCommand.class);
        assertEquals(Samples.CONFIG, cmd.config());
        assertArrayEquals(new byte[] {1, 2, 3}, cmd.request().input());
    }

    @Test
    void enumsAndTimesUseTheirDocumentedWireForm() {
        String json = Json.writeString(Samples.command());
        assertTrue(json.contains("\"edgeAccelerator\":\"max\""), json);
        assertTrue(json.contains("\"tensorDtype\":\"int8\""), json);
        assertTrue(json.contains("\"submittedAt\":\"2026-11-25T10:15:30.123Z\""), json);
    }

    @Test
    void missingRequiredFieldSaysWhich() {
        byte[] json = "{\"schemaVersion\":1,\"edgeDeviceId\":\"pi-a\",\"model\":\"vgg16\",\"latencyThresholdMs\":5,\"submittedAt\":\"2026-11-25T10:15:30Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        WireFormatException e = assertThrows(WireFormatException.class, () -> Json.read(json, InferenceRequest.class));
        assertTrue(e.getMessage().contains("requestId"), e.getMessage());
    }

    @Test
    void aWrongFieldDeepInADocumentIsNamedByItsPath() {
        String json = Json.writeString(Samples.front());
        String noVersion = json.replaceFirst("\"version\":\\d+,?", "");
        WireFormatException missing = assertThrows(WireFormatException.class,
                () -> Json.read(noVersion.getBytes(StandardCharsets.UTF_8), ParetoFront.class));
        assertTrue(missing.getMessage().startsWith("not a valid ParetoFront (at version): "), missing.getMessage());
        assertFalse(missing.getMessage().contains("DeserializationConfig"), "no advice meant for our code: "
                + missing.getMessage());

        String badEntry = json.replaceFirst("\"latencyMs\":[0-9.]+", "\"latencyMs\":\"fast\"");
        WireFormatException wrongType = assertThrows(WireFormatException.class,
                () -> Json.read(badEntry.getBytes(StandardCharsets.UTF_8), ParetoFront.class));
        assertTrue(wrongType.getMessage().startsWith("not a valid ParetoFront (at entries[0].latencyMs): "),
                wrongType.getMessage());
    }

    @Test
    void malformedJsonIsAWireFormatError() {
        assertThrows(WireFormatException.class, () -> Json.read("{not json".getBytes(), InferenceRequest.class));
        assertThrows(WireFormatException.class, () -> Json.read(new byte[0], InferenceRequest.class));
        assertThrows(WireFormatException.class,
                () -> Json.read("{\"model\":\"vgg16\",\"layer\":3,\"cpuMhz\":1800,\"edgeAccelerator\":\"turbo\",\"cloudGpu\":true}"
                        .getBytes(), SplitConfig.class));
    }

    @Test
    void unknownFieldsAreToleratedForForwardCompatibility() {
        String json = Json.writeString(Samples.deadLetter()).replaceFirst("\\{", "{\"addedLater\":42,");
        assertEquals(Samples.deadLetter(), Json.read(json.getBytes(), DeadLetter.class));
    }

    @Test
    void aFrontEntryWithoutASpreadReadsAsBeforeTheField() {
        ParetoFront front = Samples.front();
        assertEquals(new MeasuredSpread(10, 0.021, 0.034), front.entries().get(0).spread());
        String json = Json.writeString(front);
        assertTrue(json.contains("\"spread\":{\"runs\":10,"), json);
        assertFalse(json.contains("\"spread\":null"), "an unknown spread is left out: " + json);
        // what a producer older than the field wrote: no spread at all
        String old = json.replaceFirst(",\"spread\":\\{[^}]*\\}", "");
        ParetoFront back = Json.read(old.getBytes(StandardCharsets.UTF_8), ParetoFront.class);
        assertNull(back.entries().get(0).spread());
        assertEquals(front.entries().get(0).latencyMs(), back.entries().get(0).latencyMs());
        String broken = json.replace("\"runs\":10", "\"runs\":1");
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> Json.read(broken.getBytes(StandardCharsets.UTF_8), ParetoFront.class));
        assertTrue(e.getMessage().contains("at least 2 runs"), e.getMessage());
    }

    @Test
    void deadLetterExcerptIsTextOrBase64() {
        assertEquals("hello", DeadLetter.excerpt("hello".getBytes()));
        assertTrue(DeadLetter.excerpt(new byte[] {(byte) 0xff, (byte) 0xfe, 0}).startsWith("base64:"));
        assertEquals(DeadLetter.EXCERPT_BYTES, DeadLetter.excerpt(new byte[10_000]).length());
    }
}
