package io.dynasplit.contracts;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a consumer decodes from a record, fed hostile bytes: every decoder either decodes or throws its documented
 * {@link WireFormatException}; nothing else escapes (a consumer turns that exception into a dead letter with the
 * reason). Under {@code ./mvnw verify} Jazzer replays the committed inputs (src/test/resources/.../*Inputs); with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/security.md gives the commands and the runs).
 */
class HostileRecordsFuzzTest {
    private static final byte[] FRAME = SplitTensorCodec.encode(Samples.tensor());
    private static final List<Class<?>> EVENTS = List.of(InferenceRequest.class, EdgeCommand.class,
            InferenceResult.class, EnergyTelemetry.class, DeadLetter.class, ParetoFront.class, SplitTensor.class);
    private static final List<String> SAMPLES = List.of(Json.writeString(Samples.request()),
            Json.writeString(Samples.command()), Json.writeString(Samples.result()), Json.writeString(Samples.telemetry()),
            Json.writeString(Samples.deadLetter()), Json.writeString(Samples.front()),
            new String(Json.write(Samples.tensor()), StandardCharsets.UTF_8));

    /** Any bytes at all as a tensor frame. */
    @FuzzTest(maxDuration = "10m")
    void tensorFrameFromAnyBytes(byte[] frame) {
        decodeFrame(frame);
    }

    /** A valid frame with a few bytes overwritten, cut short or extended: reaches the header and the data checks. */
    @FuzzTest(maxDuration = "10m")
    void tensorFrameMutated(FuzzedDataProvider data) {
        byte[] frame = FRAME.clone();
        int edits = data.consumeInt(1, 8);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            frame[data.consumeInt(0, frame.length - 1)] = data.consumeByte();
        }
        int length = data.consumeBoolean() ? data.consumeInt(0, frame.length) : frame.length;
        byte[] cut = java.util.Arrays.copyOf(frame, length);
        decodeFrame(cut);
    }

    /** A valid JSON event of each kind with a fragment replaced by fuzzed text. */
    @FuzzTest(maxDuration = "10m")
    void jsonEventMutated(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, EVENTS.size() - 1);
        String json = SAMPLES.get(kind);
        int from = data.consumeInt(0, json.length());
        int to = data.consumeInt(from, json.length());
        String mutated = json.substring(0, from) + data.consumeString(64) + json.substring(to);
        try {
            Json.read(mutated.getBytes(StandardCharsets.UTF_8), EVENTS.get(kind));
        } catch (WireFormatException expected) {
            // the documented refusal
        }
    }

    /** Any bytes as any JSON event. */
    @FuzzTest(maxDuration = "10m")
    void jsonEventFromAnyBytes(FuzzedDataProvider data) {
        Class<?> type = EVENTS.get(data.consumeInt(0, EVENTS.size() - 1));
        try {
            Json.read(data.consumeRemainingAsBytes(), type);
        } catch (WireFormatException expected) {
            // the documented refusal
        }
    }

    @org.junit.jupiter.api.Test
    void aFrameDeclaringMoreElementsThanItCanCarryIsRefusedBeforeTheProductWrapsAround() {
        // 2^31-1 cubed times 4 wraps a long; it must be refused, not compared with the data length
        java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(6 + 2 + 3 * 4 + 4 + 4 + 4 + 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        frame.put(FRAME, 0, 6).put((byte) WireDtype.FP32.code()).put((byte) 3);
        for (int i = 0; i < 3; i++) {
            frame.putInt(Integer.MAX_VALUE);
        }
        frame.putFloat(1f).putInt(0).putInt(0).putInt(0);
        WireFormatException e = org.junit.jupiter.api.Assertions.assertThrows(WireFormatException.class,
                () -> SplitTensorCodec.decode(frame.array()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("declares more than"), e.getMessage());
    }

    private static void decodeFrame(byte[] frame) {
        try {
            SplitTensorCodec.decode(frame);
        } catch (WireFormatException expected) {
            // the documented refusal
        }
    }
}
