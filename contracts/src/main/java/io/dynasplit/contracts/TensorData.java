package io.dynasplit.contracts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts fp32 activations to and from their wire bytes (little-endian): fp32 as is, fp16 (IEEE half, round to
 * nearest even), int8 affine per tensor ({@code q = clamp(round(x / scale) + zeroPoint, -128, 127)}).
 */
public final class TensorData {
    private TensorData() {
    }

    /** Bytes and the int8 parameters that go with them (scale 1, zero point 0 for fp32 and fp16). */
    public record Encoded(WireDtype dtype, byte[] bytes, float scale, int zeroPoint) {
    }

    public static Encoded encode(float[] values, WireDtype dtype) {
        return switch (dtype) {
            case FP32 -> new Encoded(dtype, fp32Bytes(values), 1f, 0);
            case FP16 -> new Encoded(dtype, fp16Bytes(values), 1f, 0);
            case INT8 -> quantize(values);
        };
    }

    public static float[] decode(byte[] bytes, WireDtype dtype, float scale, int zeroPoint) {
        return switch (dtype) {
            case FP32 -> fp32Values(bytes);
            case FP16 -> fp16Values(bytes);
            case INT8 -> dequantize(bytes, scale, zeroPoint);
        };
    }

    public static byte[] fp32Bytes(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return buf.array();
    }

    public static float[] fp32Values(byte[] bytes) {
        requireMultiple(bytes, 4, WireDtype.FP32);
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    public static byte[] fp16Bytes(float[] values) {
        byte[] out = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            short h = toHalf(values[i]);
            out[2 * i] = (byte) h;
            out[2 * i + 1] = (byte) (h >> 8);
        }
        return out;
    }

    public static float[] fp16Values(byte[] bytes) {
        requireMultiple(bytes, 2, WireDtype.FP16);
        float[] table = HalfTable.VALUES;
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = table[(bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8];
        }
        return out;
    }

    /** Every binary16 value as a float (256 KB), built on first fp16 decode: a lookup beats the branches. */
    private static final class HalfTable {
        static final float[] VALUES = new float[1 << 16];

        static {
            for (int h = 0; h < VALUES.length; h++) {
                VALUES[h] = fromHalf((short) h);
            }
        }
    }

    /** Asymmetric per-tensor int8: the range [min, max] (widened to include 0) maps onto [-128, 127]. */
    public static Encoded quantize(float[] values) {
        float min = 0f;
        float max = 0f;
        for (float v : values) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        float scale = max > min ? (max - min) / 255f : 1f;
        int zeroPoint = Math.round(-128f - min / scale);
        zeroPoint = Math.max(-128, Math.min(127, zeroPoint));
        float inv = 1f / scale;
        // q = clamp(round(x / scale) + zeroPoint, -128, 127), with Math.round's ties-up rounding done as
        // floor(t + 0.5) in double (exact for every float product) shifted to be non-negative, so that the
        // int cast truncates like floor: the same bytes as the Math.round form, several times faster.
        // (Identical for all finite inputs and NaN.)
        double offset = zeroPoint + 128.5;
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            double t = (double) (values[i] * inv) + offset;
            t = t >= 0 ? (t <= 255.5 ? t : 255.5) : (t < 0 ? 0 : offset); // NaN -> zero point, as Math.round
            out[i] = (byte) ((int) t - 128);
        }
        return new Encoded(WireDtype.INT8, out, scale, zeroPoint);
    }

    public static float[] dequantize(byte[] bytes, float scale, int zeroPoint) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (bytes[i] - zeroPoint) * scale;
        }
        return out;
    }

    private static void requireMultiple(byte[] bytes, int n, WireDtype dtype) {
        if (bytes.length % n != 0) {
            throw new WireFormatException(bytes.length + " bytes is not a whole number of " + dtype.wireName() + " values");
        }
    }

    /** IEEE 754 binary16 from binary32, round to nearest even; overflow to infinity, NaN kept. */
    static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int abs = bits & 0x7fffffff;
        if (abs >= 0x47800000 || (abs >= 0x33000000 && abs < 0x38800000)) {
            return toHalfGeneral(f); // overflow, infinity, NaN, subnormal halves: rare
        }
        // a normal half (possibly rounding up to infinity) or signed zero: rebias the exponent and round to
        // nearest even with a carry that may ripple into the exponent; a select, not a branch, for zeros
        int x = abs - 0x38000000;
        int normal = (x + 0xfff + ((x >>> 13) & 1)) >>> 13;
        return (short) (((bits >>> 16) & 0x8000) | (abs < 0x38800000 ? 0 : normal));
    }

    /** The full conversion, every case spelled out; {@link #toHalf} takes shortcuts for the common ones. */
    static short toHalfGeneral(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    static float fromHalf(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant / 1024f * (1f / 16384f);
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
