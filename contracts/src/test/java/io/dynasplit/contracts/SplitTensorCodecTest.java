package io.dynasplit.contracts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitTensorCodecTest {

    @Test
    void roundTripsRandomShapesInEveryDtype() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + rnd.nextInt(4);
            List<Integer> shape = new ArrayList<>();
            int n = 1;
            for (int i = 0; i < rank; i++) {
                int d = 1 + rnd.nextInt(12);
                shape.add(d);
                n *= d;
            }
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) (rnd.nextGaussian() * 3);
            }
            for (WireDtype dtype : WireDtype.values()) {
                TensorData.Encoded enc = TensorData.encode(values, dtype);
                SplitTensor t = tensor(shape, enc);
                SplitTensor back = SplitTensorCodec.decode(SplitTensorCodec.encode(t));
                assertEquals(t, back, "shape " + shape + " " + dtype);
                float[] decoded = TensorData.decode(back.data(), dtype, back.scale(), back.zeroPoint());
                assertClose(values, decoded, tolerance(dtype, values, enc));
            }
        }
    }

    @Test
    void fp32IsExact() {
        float[] v = {0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, -3.25e-7f, Float.NaN};
        assertArrayEquals(v, TensorData.fp32Values(TensorData.fp32Bytes(v)));
    }

    @Test
    void fp16KeepsRepresentableValuesExactlyAndRoundsOthers() {
        float[] exact = {0f, 1f, -2f, 0.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f};
        assertArrayEquals(exact, TensorData.fp16Values(TensorData.fp16Bytes(exact)));
        float[] back = TensorData.fp16Values(TensorData.fp16Bytes(new float[] {1e6f, 1.0004883f, Float.NaN}));
        assertEquals(Float.POSITIVE_INFINITY, back[0]);
        assertEquals(1.0f, back[1]); // halfway between 1 and 1+2^-10 rounds to even
        assertTrue(Float.isNaN(back[2]));
    }

    @Test
    void int8ErrorIsAtMostHalfAStep() {
        float[] v = new float[1000];
        Random rnd = new Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 10 - 2;
        }
        TensorData.Encoded enc = TensorData.quantize(v);
        float[] back = TensorData.dequantize(enc.bytes(), enc.scale(), enc.zeroPoint());
        assertClose(v, back, enc.scale() * 0.5001f);
        // zero must be exactly representable (ReLU outputs are mostly zeros)
        assertEquals(0f, TensorData.dequantize(TensorData.quantize(new float[] {0f, 3f}).bytes(),
                TensorData.quantize(new float[] {0f, 3f}).scale(), TensorData.quantize(new float[] {0f, 3f}).zeroPoint())[0], 1e-6f);
    }

    @Test
    void rejectsBadFrames() {
        byte[] good = SplitTensorCodec.encode(Samples.tensor());
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertThrows(WireFormatException.class, () -> SplitTensorCodec.decode(badMagic));
        assertThrows(WireFormatException.class, () -> SplitTensorCodec.decode(Arrays.copyOf(good, good.length - 10)));
        assertThrows(WireFormatException.class, () -> SplitTensorCodec.decode(new byte[3]));
        assertThrows(WireFormatException.class, () -> SplitTensorCodec.decode("{\"json\":true}".getBytes()));
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> SplitTensorCodec.encode(Samples.tensor().withData(new byte[7])));
        assertTrue(e.getMessage().contains("needs"), e.getMessage());
    }

    @Test
    void frameOverheadIsSmall() {
        SplitTensor t = Samples.tensor();
        int overhead = SplitTensorCodec.encode(t).length - t.data().length;
        assertTrue(overhead < 4096, "overhead " + overhead);
    }

    private static SplitTensor tensor(List<Integer> shape, TensorData.Encoded enc) {
        SplitTensor s = Samples.tensor();
        return new SplitTensor(s.schemaVersion(), s.requestId(), s.edgeDeviceId(), s.model(), s.latencyThresholdMs(),
                s.submittedAt(), s.deadline(), s.config(), s.splitLayer(), enc.dtype(), enc.scale(), enc.zeroPoint(),
                shape, s.edge(), enc.bytes());
    }

    private static float tolerance(WireDtype dtype, float[] values, TensorData.Encoded enc) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return switch (dtype) {
            case FP32 -> 0f;
            case FP16 -> max * 1e-3f;
            case INT8 -> enc.scale() * 0.5001f;
        };
    }

    private static void assertClose(float[] expected, float[] actual, float tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol,
                    "element " + i + ": " + expected[i] + " vs " + actual[i] + " (tolerance " + tol + ")");
        }
    }
}
