package io.dynasplit.contracts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary frame of {@link SplitTensor}, all little-endian:
 * <pre>
 * magic "DSTN" (4) | frame version u16 = 1 | dtype u8 (1 fp32, 2 fp16, 3 int8) | rank u8 | dims i32 x rank
 * | scale f32 | zero point i32 | header length u32 | header JSON (UTF-8) | data length u32 | data
 * </pre>
 * The fixed part describes the data on its own (a reader needs no JSON to decode the tensor); the JSON header
 * carries the request context and the edge report. Data length must equal elements x bytes per element.
 */
public final class SplitTensorCodec {
    public static final int FRAME_VERSION = 1;
    private static final byte[] MAGIC = {'D', 'S', 'T', 'N'};
    public static final String MEDIA_TYPE = "application/vnd.dynasplit.tensor";

    private SplitTensorCodec() {
    }

    public static byte[] encode(SplitTensor tensor) {
        byte[] header = Json.write(tensor);
        byte[] data = tensor.data() == null ? new byte[0] : tensor.data();
        long expected = tensor.elementCount() * tensor.dtype().bytesPerElement();
        if (expected != data.length) {
            throw new WireFormatException("tensor data has " + data.length + " bytes but shape " + tensor.shape()
                    + " in " + tensor.dtype().wireName() + " needs " + expected);
        }
        int rank = tensor.shape().size();
        ByteBuffer buf = ByteBuffer.allocate(4 + 2 + 1 + 1 + 4 * rank + 4 + 4 + 4 + header.length + 4 + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putShort((short) FRAME_VERSION).put((byte) tensor.dtype().code()).put((byte) rank);
        tensor.shape().forEach(buf::putInt);
        buf.putFloat(tensor.scale()).putInt(tensor.zeroPoint());
        buf.putInt(header.length).put(header);
        buf.putInt(data.length).put(data);
        return buf.array();
    }

    public static SplitTensor decode(byte[] frame) {
        if (frame == null || frame.length < 12) {
            throw new WireFormatException("tensor frame too short: " + (frame == null ? 0 : frame.length) + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (buf.get() != m) {
                throw new WireFormatException("not a DynaSplit tensor frame (bad magic)");
            }
        }
        int version = Short.toUnsignedInt(buf.getShort());
        if (version != FRAME_VERSION) {
            throw new WireFormatException("unsupported tensor frame version " + version);
        }
        try {
            WireDtype dtype = WireDtype.fromCode(Byte.toUnsignedInt(buf.get()));
            int rank = Byte.toUnsignedInt(buf.get());
            List<Integer> shape = new ArrayList<>(rank);
            long elements = 1;
            for (int i = 0; i < rank; i++) {
                int d = buf.getInt();
                if (d <= 0) {
                    throw new WireFormatException("tensor dimension " + i + " is " + d);
                }
                shape.add(d);
                // a product past what a frame can carry is refused here: no wrap-around may match the data length
                elements *= d;
                if (elements > Integer.MAX_VALUE) {
                    throw new WireFormatException("tensor shape " + shape + "... declares more than "
                            + Integer.MAX_VALUE + " elements");
                }
            }
            float scale = buf.getFloat();
            int zeroPoint = buf.getInt();
            byte[] header = new byte[checkedLength(buf, buf.getInt(), "header")];
            buf.get(header);
            byte[] data = new byte[checkedLength(buf, buf.getInt(), "data")];
            buf.get(data);
            if (elements * dtype.bytesPerElement() != data.length) {
                throw new WireFormatException("tensor data has " + data.length + " bytes but shape " + shape + " in "
                        + dtype.wireName() + " needs " + elements * dtype.bytesPerElement());
            }
            SplitTensor meta = Json.read(header, SplitTensor.class);
            if (meta.dtype() != dtype || !meta.shape().equals(shape)) {
                throw new WireFormatException("frame says " + dtype.wireName() + shape + " but its header says "
                        + meta.dtype().wireName() + meta.shape());
            }
            return new SplitTensor(meta.schemaVersion(), meta.requestId(), meta.edgeDeviceId(), meta.model(),
                    meta.latencyThresholdMs(), meta.submittedAt(), meta.deadline(), meta.config(), meta.splitLayer(),
                    dtype, scale, zeroPoint, shape, meta.edge(), data);
        } catch (java.nio.BufferUnderflowException e) {
            throw new WireFormatException("tensor frame truncated at byte " + buf.position(), e);
        }
    }

    private static int checkedLength(ByteBuffer buf, int length, String what) {
        if (length < 0 || length > buf.remaining()) {
            throw new WireFormatException("tensor frame " + what + " length " + Integer.toUnsignedString(length)
                    + " exceeds the " + buf.remaining() + " bytes left");
        }
        return length;
    }
}
