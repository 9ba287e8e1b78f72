package io.dynasplit.testbed.energy.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * NVML through JNA, loading the driver's {@code libnvidia-ml.so.1} (the unversioned {@code libnvidia-ml.so} exists
 * only where the CUDA toolkit is installed, so the driver's soname is tried first). NVML calls are thread-safe.
 */
public final class JnaNvml implements Nvml {
    static final String[] LIBRARY_NAMES = {"libnvidia-ml.so.1", "nvidia-ml"};

    /** The C functions used, as nvml.h declares them ({@code unsigned long long} as long, handles as pointers). */
    interface NvmlLibrary extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetName(Pointer device, byte[] name, int length);

        int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

        String nvmlErrorString(int result);
    }

    private final NvmlLibrary nvml;
    private final ConcurrentMap<Integer, Pointer> handles = new ConcurrentHashMap<>();

    private JnaNvml(NvmlLibrary nvml) {
        this.nvml = nvml;
    }

    /** Loads the library and initialises NVML; throws NvmlException with the reason when either fails. */
    public static JnaNvml open() {
        NvmlLibrary library = load();
        JnaNvml opened = new JnaNvml(library);
        opened.check(library.nvmlInit_v2(), "nvmlInit_v2", -1);
        return opened;
    }

    private static NvmlLibrary load() {
        UnsatisfiedLinkError first = null;
        for (String name : LIBRARY_NAMES) {
            try {
                return Native.load(name, NvmlLibrary.class);
            } catch (UnsatisfiedLinkError e) {
                first = first == null ? e : first;
            }
        }
        // the loader's own reason for the driver's soname (line 2 of JNA's message: dlopen's error)
        String detail = first == null ? "" : first.getMessage().lines().skip(1).findFirst().orElse(first.getMessage());
        throw new NvmlException(NvmlReturn.LIBRARY_NOT_FOUND,
                "libnvidia-ml.so.1 not found: no NVIDIA driver on this machine (" + detail.strip() + ")");
    }

    @Override
    public int deviceCount() {
        IntByReference count = new IntByReference();
        check(nvml.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount_v2", -1);
        return count.getValue();
    }

    @Override
    public String name(int gpu) {
        byte[] name = new byte[96]; // NVML_DEVICE_NAME_V2_BUFFER_SIZE
        check(nvml.nvmlDeviceGetName(handle(gpu), name, name.length), "nvmlDeviceGetName", gpu);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public long totalEnergyMillijoules(int gpu) {
        LongByReference mj = new LongByReference();
        check(nvml.nvmlDeviceGetTotalEnergyConsumption(handle(gpu), mj), "nvmlDeviceGetTotalEnergyConsumption", gpu);
        return mj.getValue();
    }

    @Override
    public long powerMilliwatts(int gpu) {
        IntByReference mw = new IntByReference();
        check(nvml.nvmlDeviceGetPowerUsage(handle(gpu), mw), "nvmlDeviceGetPowerUsage", gpu);
        return Integer.toUnsignedLong(mw.getValue());
    }

    @Override
    public void close() {
        nvml.nvmlShutdown();
    }

    private Pointer handle(int gpu) {
        return handles.computeIfAbsent(gpu, i -> {
            PointerByReference device = new PointerByReference();
            check(nvml.nvmlDeviceGetHandleByIndex_v2(i, device), "nvmlDeviceGetHandleByIndex_v2", i);
            return device.getValue();
        });
    }

    private void check(int result, String call, int gpu) {
        if (result != 0) {
            String text;
            try {
                text = nvml.nvmlErrorString(result);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                text = "code " + result;
            }
            throw NvmlException.of(NvmlReturn.of(result), call, gpu, text);
        }
    }
}
