package io.dynasplit.testbed.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.time.Duration;

/**
 * A GPU load with nothing but the driver: the CUDA driver API ({@code libcuda.so.1}) filling a large device buffer
 * with {@code cuMemsetD32} again and again, which keeps the GPU's memory system busy and its power well above idle.
 * For {@code testbed nvml-check} on a GPU host that has no CUDA toolkit and no framework.
 */
final class CudaMemsetLoad {
    interface Cuda extends Library {
        int cuInit(int flags);

        int cuDeviceGet(IntByReference device, int ordinal);

        int cuCtxCreate_v2(PointerByReference context, int flags, int device);

        int cuMemAlloc_v2(LongByReference pointer, long bytes);

        int cuMemsetD32_v2(long pointer, int value, long count);

        int cuCtxSynchronize();

        int cuMemFree_v2(long pointer);

        int cuCtxDestroy_v2(Pointer context);
    }

    private CudaMemsetLoad() {
    }

    /** Runs the load on GPU 0 for {@code duration}; returns the number of buffer fills, or throws with CUDA's code. */
    static long run(Duration duration, long bytes) {
        Cuda cuda = Native.load("libcuda.so.1", Cuda.class);
        check(cuda.cuInit(0), "cuInit");
        IntByReference device = new IntByReference();
        check(cuda.cuDeviceGet(device, 0), "cuDeviceGet");
        PointerByReference context = new PointerByReference();
        check(cuda.cuCtxCreate_v2(context, 0, device.getValue()), "cuCtxCreate");
        LongByReference buffer = new LongByReference();
        try {
            check(cuda.cuMemAlloc_v2(buffer, bytes), "cuMemAlloc");
            long fills = 0;
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 8; i++) {
                    check(cuda.cuMemsetD32_v2(buffer.getValue(), (int) fills + i, bytes / 4), "cuMemsetD32");
                }
                check(cuda.cuCtxSynchronize(), "cuCtxSynchronize");
                fills += 8;
            }
            return fills;
        } finally {
            if (buffer.getValue() != 0) {
                cuda.cuMemFree_v2(buffer.getValue());
            }
            cuda.cuCtxDestroy_v2(context.getValue());
        }
    }

    private static void check(int result, String call) {
        if (result != 0) {
            throw new IllegalStateException(call + " returned CUDA error " + result);
        }
    }
}
