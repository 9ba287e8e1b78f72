package io.dynasplit.runtime;

import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.TensorData;
import io.dynasplit.contracts.WireDtype;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dense fp32 tensor in row-major (C) order, batch dimension first: what a service hands to and gets back from
 * a {@link SplitModel} without touching DJL. The arrays are not copied; treat them as read-only once shared.
 */
public record Activation(float[] values, int[] shape) {

    public Activation {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(shape, "shape");
        long n = elementCount(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
    }

    public static Activation of(float[] values, int... shape) {
        return new Activation(values, shape);
    }

    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimension " + d + " in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    public int batchSize() {
        return shape[0];
    }

    public List<Integer> shapeList() {
        return Arrays.stream(shape).boxed().toList();
    }

    /** The wire form in {@code dtype} (int8: per-tensor affine, scale and zero point in the result). */
    public TensorData.Encoded encode(WireDtype dtype) {
        return TensorData.encode(values, dtype);
    }

    /** The tensor the receiver sees after a round trip through the wire in {@code dtype}. */
    public Activation roundTrip(WireDtype dtype) {
        return decode(encode(dtype), shape);
    }

    public static Activation decode(TensorData.Encoded encoded, int[] shape) {
        return new Activation(TensorData.decode(encoded.bytes(), encoded.dtype(), encoded.scale(),
                encoded.zeroPoint()), shape.clone());
    }

    /** The activation carried by a decoded {@link SplitTensor} frame. */
    public static Activation fromSplitTensor(SplitTensor tensor) {
        int[] shape = tensor.shape().stream().mapToInt(Integer::intValue).toArray();
        return new Activation(TensorData.decode(tensor.data(), tensor.dtype(), tensor.scale(), tensor.zeroPoint()),
                shape);
    }

    /** Sample {@code i} of the batch, with batch size 1. */
    public Activation sample(int i) {
        int per = values.length / shape[0];
        int[] s = shape.clone();
        s[0] = 1;
        return new Activation(Arrays.copyOfRange(values, i * per, (i + 1) * per), s);
    }

    /** Joins batch-1 (or any batch) activations of the same per-sample shape along the batch dimension. */
    public static Activation concat(List<Activation> parts) {
        int total = parts.stream().mapToInt(a -> a.values.length).sum();
        float[] out = new float[total];
        int pos = 0;
        int batch = 0;
        for (Activation a : parts) {
            System.arraycopy(a.values, 0, out, pos, a.values.length);
            pos += a.values.length;
            batch += a.shape[0];
        }
        int[] s = parts.get(0).shape.clone();
        s[0] = batch;
        return new Activation(out, s);
    }

    /** Largest absolute element-wise difference; shapes must match. */
    public float maxAbsDiff(Activation other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
        float max = 0f;
        for (int i = 0; i < values.length; i++) {
            float d = Math.abs(values[i] - other.values[i]);
            if (!(d <= max)) {
                max = d; // also catches NaN
            }
        }
        return max;
    }

    /** Index of the largest value of each sample (top-1 class for logits). */
    public int[] argMax() {
        int per = values.length / shape[0];
        int[] out = new int[shape[0]];
        for (int b = 0; b < shape[0]; b++) {
            int best = b * per;
            for (int i = best + 1; i < (b + 1) * per; i++) {
                if (values[i] > values[best]) {
                    best = i;
                }
            }
            out[b] = best - b * per;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation a && Arrays.equals(shape, a.shape) && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Activation" + Arrays.toString(shape);
    }
}
