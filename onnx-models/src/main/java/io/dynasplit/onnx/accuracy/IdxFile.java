package io.dynasplit.onnx.accuracy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A tensor file in the IDX format, the one MNIST and Fashion-MNIST ship in, so that a sample set needs no new
 * format and the Debian {@code dataset-fashion-mnist} files are read as they are: two zero bytes, a type byte
 * ({@code 0x08} uint8, {@code 0x09} int8, {@code 0x0B} int16, {@code 0x0C} int32, {@code 0x0D} float32,
 * {@code 0x0E} float64), a rank byte, one big-endian int32 per dimension, then the elements big-endian in row-major
 * order. The file may be gzip-compressed (recognised by its magic bytes, whatever its name). Values are read as
 * fp32; integers up to 2^24 are exact.
 */
public record IdxFile(int[] dims, float[] values) {
    public static final int UINT8 = 0x08;
    public static final int FLOAT32 = 0x0D;

    public IdxFile {
        long n = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
        if (dims.length == 0 || n != values.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " need " + n + " values, got "
                    + values.length);
        }
    }

    public static IdxFile read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(4));
            if (header.remaining() < 4 || header.get() != 0 || header.get() != 0) {
                throw new IOException(file + " is not an IDX file (it must start with two zero bytes)");
            }
            int type = header.get() & 0xff;
            int[] dims = new int[header.get() & 0xff];
            ByteBuffer d = ByteBuffer.wrap(in.readNBytes(4 * dims.length));
            for (int i = 0; i < dims.length; i++) {
                dims[i] = d.getInt();
            }
            long n = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
            byte[] raw = in.readNBytes(Math.toIntExact(n * bytesPer(type, file)));
            if (raw.length != n * bytesPer(type, file)) {
                throw new IOException(file + ": " + raw.length + " data bytes, dims " + Arrays.toString(dims)
                        + " need " + n * bytesPer(type, file));
            }
            return new IdxFile(dims, decode(type, raw, Math.toIntExact(n)));
        }
    }

    /** Writes this tensor as float32 IDX, gzip-compressed when {@code file}'s name ends in {@code .gz}. */
    public void writeFloat32(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        try (DataOutputStream out = new DataOutputStream(file.toString().endsWith(".gz")
                ? new GZIPOutputStream(raw, 1 << 16) : new BufferedOutputStream(raw, 1 << 16))) {
            out.write(new byte[] {0, 0, FLOAT32, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    /** Number of entries along the first axis (the samples). */
    public int count() {
        return dims[0];
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static int bytesPer(int type, Path file) throws IOException {
        return switch (type) {
            case UINT8, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, FLOAT32 -> 4;
            case 0x0E -> 8;
            default -> throw new IOException(file + ": unknown IDX element type 0x" + Integer.toHexString(type));
        };
    }

    private static float[] decode(int type, byte[] raw, int n) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case UINT8 -> raw[i] & 0xff;
                case 0x09 -> raw[i];
                case 0x0B -> b.getShort();
                case 0x0C -> b.getInt();
                case FLOAT32 -> b.getFloat();
                default -> (float) b.getDouble();
            };
        }
        return v;
    }
}
