package io.dynasplit.testbed.emulated;

import java.util.function.LongSupplier;

/** Sleeps until an emulated device would be done, so the local stack behaves like the devices in wall-clock time. */
public final class Pacing {
    private Pacing() {
    }

    /**
     * Sleeps until {@code wallMillis} on {@code clock}; returns at once when it has passed. Returns false (with
     * the thread's interrupt flag set again) when interrupted.
     */
    public static boolean sleepUntil(double wallMillis, LongSupplier clock) {
        long remaining = (long) Math.ceil(wallMillis - clock.getAsLong());
        while (remaining > 0) {
            try {
                Thread.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            remaining = (long) Math.ceil(wallMillis - clock.getAsLong());
        }
        return true;
    }
}
