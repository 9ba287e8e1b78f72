package io.dynasplit.contracts;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast codec loops give exactly what the plain formulas in TensorData's documentation give. */
class TensorDataTest {

    @Test
    void int8QuantisationEqualsTheMathRoundFormula() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            float[] v = new float[5000];
            double spread = Math.pow(10, random.nextInt(-3, 4));
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((random.nextDouble() - (trial % 3 == 0 ? 0 : 0.3)) * spread);
            }
            v[7] = Float.NaN;
            TensorData.Encoded enc = TensorData.quantize(v);
            for (int i = 0; i < 50; i++) { // exact ties: x / scale = k + 0.5
                v[100 + i] = (random.nextInt(-100, 100) + 0.5f) * enc.scale();
            }
            enc = TensorData.quantize(v);
            assertArrayEquals(reference(v, enc.scale(), enc.zeroPoint()), enc.bytes(), "trial " + trial);
        }
    }

    @Test
    void fp16DecodingEqualsTheBitConversionForAllHalfValues() {
        byte[] all = new byte[2 << 16];
        for (int h = 0; h < 1 << 16; h++) {
            all[2 * h] = (byte) h;
            all[2 * h + 1] = (byte) (h >> 8);
        }
        float[] decoded = TensorData.fp16Values(all);
        for (int h = 0; h < 1 << 16; h++) {
            assertEquals(Float.floatToRawIntBits(TensorData.fromHalf((short) h)), Float.floatToRawIntBits(decoded[h]),
                    "half 0x" + Integer.toHexString(h));
        }
    }

    @Test
    void fp16EncodingIsLittleEndianHalves() {
        SplittableRandom random = new SplittableRandom(2);
        float[] v = new float[4096];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.intBitsToFloat(random.nextInt());
        }
        ByteBuffer expected = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            expected.putShort(TensorData.toHalf(f));
        }
        assertArrayEquals(expected.array(), TensorData.fp16Bytes(v));
    }

    @Test
    void fastHalfConversionEqualsTheGeneralOneAcrossAllExponents() {
        SplittableRandom random = new SplittableRandom(3);
        for (int exp = 0; exp < 256; exp++) {
            for (int k = 0; k < 4000; k++) {
                int mant = k < 8 ? new int[] {0, 1, 0xfff, 0x1000, 0x1001, 0x2000, 0x3000, 0x7fffff}[k]
                        : random.nextInt(0x800000);
                int bits = (random.nextBoolean() ? 0x80000000 : 0) | exp << 23 | mant;
                float f = Float.intBitsToFloat(bits);
                assertEquals(TensorData.toHalfGeneral(f), TensorData.toHalf(f), "float bits 0x" + Integer.toHexString(bits));
            }
        }
    }

    private static byte[] reference(float[] v, float scale, int zeroPoint) {
        byte[] out = new byte[v.length];
        float inv = 1f / scale;
        for (int i = 0; i < v.length; i++) {
            int q = Math.round(v[i] * inv) + zeroPoint;
            out[i] = (byte) Math.max(-128, Math.min(127, q));
        }
        return out;
    }
}
