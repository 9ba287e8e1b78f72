package io.dynasplit.onnx.graph;

import java.util.Arrays;
import java.util.List;

/** A tensor's element type (the ONNX {@code TensorProto.DataType} number) and its shape at batch size 1. */
public record TensorShape(int elemType, List<Long> dims) {
    public static final int FLOAT = 1;

    public TensorShape {
        dims = List.copyOf(dims);
    }

    public static TensorShape of(int elemType, long[] dims) {
        return new TensorShape(elemType, Arrays.stream(dims).boxed().toList());
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public long bytes() {
        return elements() * bytesPerElement(elemType);
    }

    public long dim(int axis) {
        return dims.get(axis < 0 ? dims.size() + axis : axis);
    }

    public int rank() {
        return dims.size();
    }

    /** Bytes of one element of an ONNX data type (4 where unknown: the importer only needs sizes of weights). */
    public static int bytesPerElement(int elemType) {
        return switch (elemType) {
            case 2, 3, 9 -> 1;                // uint8, int8, bool
            case 4, 5, 10, 16 -> 2;           // uint16, int16, float16, bfloat16
            case 7, 11, 13, 14 -> 8;          // int64, double, uint64, complex64
            case 15 -> 16;                    // complex128
            default -> 4;                     // float, int32, uint32
        };
    }
}
