package io.dynasplit.testbed.energy.nvml;

/** An NVML call that did not return {@code NVML_SUCCESS}: which call, on which GPU, and NVML's reason. */
public final class NvmlException extends RuntimeException {
    private final NvmlReturn status;

    public NvmlException(NvmlReturn status, String message) {
        super(message);
        this.status = status;
    }

    /** {@code call} failed on {@code gpu} (or for the whole library when gpu < 0) with NVML's own description. */
    public static NvmlException of(NvmlReturn status, String call, int gpu, String nvmlText) {
        String where = gpu < 0 ? call : call + " on GPU " + gpu;
        return new NvmlException(status, where + ": NVML_ERROR_" + status.name() + " (" + nvmlText + ")");
    }

    public NvmlReturn status() {
        return status;
    }
}
