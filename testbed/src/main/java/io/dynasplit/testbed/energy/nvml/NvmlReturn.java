package io.dynasplit.testbed.energy.nvml;

import java.util.Arrays;

/** NVML's return codes ({@code nvmlReturn_t} in nvml.h) that this project tells apart; any other is {@link #UNKNOWN}. */
public enum NvmlReturn {
    SUCCESS(0, "success"),
    UNINITIALIZED(1, "NVML was not initialised"),
    INVALID_ARGUMENT(2, "invalid argument"),
    NOT_SUPPORTED(3, "not supported on this GPU"),
    NO_PERMISSION(4, "insufficient permissions"),
    NOT_FOUND(6, "not found"),
    DRIVER_NOT_LOADED(9, "the NVIDIA driver is not loaded"),
    TIMEOUT(10, "timeout"),
    LIBRARY_NOT_FOUND(12, "libnvidia-ml.so.1 not found"),
    FUNCTION_NOT_FOUND(13, "function not found (driver older than the call)"),
    GPU_IS_LOST(15, "the GPU is lost (fell off the bus or stopped responding)"),
    RESET_REQUIRED(16, "the GPU needs a reset"),
    LIB_RM_VERSION_MISMATCH(18, "NVML library and kernel driver versions differ"),
    NO_DATA(21, "no data"),
    UNKNOWN(999, "unknown error");

    private final int code;
    private final String text;

    NvmlReturn(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    public static NvmlReturn of(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst().orElse(UNKNOWN);
    }
}
