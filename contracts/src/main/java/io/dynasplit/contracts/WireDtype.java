package io.dynasplit.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Element type of an intermediate tensor on the wire. INT8 is affine per-tensor (scale, zero point). */
public enum WireDtype {
    FP32(1, 4), FP16(2, 2), INT8(3, 1);

    private final int code;
    private final int bytesPerElement;

    WireDtype(int code, int bytesPerElement) {
        this.code = code;
        this.bytesPerElement = bytesPerElement;
    }

    /** The byte that stands for this dtype in the binary tensor frame. */
    public int code() {
        return code;
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }

    public static WireDtype fromCode(int code) {
        for (WireDtype d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        throw new WireFormatException("unknown dtype code " + code);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static WireDtype parse(String value) {
        for (WireDtype d : values()) {
            if (d.wireName().equalsIgnoreCase(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dtype must be fp32|fp16|int8, got '" + value + "'");
    }
}
