package io.dynasplit.testbed.energy;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * This process's CPU time (every thread, native ones included, user and system), ns. On 64-bit Linux it is
 * {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, exact to the scheduler's accounting; the JDK's
 * {@code OperatingSystemMXBean.getProcessCpuTime} counts clock ticks on Linux (10 ms), far too coarse for a head of a
 * few milliseconds, so it is only the fallback elsewhere.
 */
public final class ProcessCpuClock {
    static final int CLOCK_PROCESS_CPUTIME_ID = 2;

    interface LibC extends Library {
        /** {@code struct timespec} on LP64 is two 64-bit words: seconds, nanoseconds. */
        int clock_gettime(int clockId, long[] timespec);
    }

    private ProcessCpuClock() {
    }

    /** The precise clock where available, else the JDK's; reads -1 where neither exists. */
    public static LongSupplier best() {
        LongSupplier precise = linux();
        return precise != null ? precise : jdk();
    }

    static LongSupplier linux() {
        if (!System.getProperty("os.name", "").startsWith("Linux") || Native.LONG_SIZE != 8) {
            return null;
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            long[] ts = new long[2];
            if (libc.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, ts) != 0) {
                return null;
            }
            return () -> {
                long[] now = new long[2];
                return libc.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, now) == 0 ? now[0] * 1_000_000_000L + now[1] : -1;
            };
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    static LongSupplier jdk() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getProcessCpuTime;
        }
        return () -> -1;
    }
}
