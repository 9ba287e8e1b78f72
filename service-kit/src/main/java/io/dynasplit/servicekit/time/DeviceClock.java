package io.dynasplit.servicekit.time;

/**
 * The time base of emulated devices. With pacing speed-up {@code s}, the nodes sleep device time / s, so one wall
 * millisecond is {@code s} device milliseconds; without pacing ({@code s = 1}, no sleeping) device time runs on the
 * wall clock, so requests that arrive faster than the devices work queue up in device time, as on the real board.
 * The scheduler and the edge nodes use the same clock, so predicted and reported queueing agree.
 */
public record DeviceClock(double speedup) {

    public DeviceClock {
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("device clock speed-up must be > 0, got " + speedup);
        }
    }

    /** From a pacing setting where 0 means "no pacing" (device time on the wall clock). */
    public static DeviceClock forPacing(double pacingSpeedup) {
        return new DeviceClock(pacingSpeedup > 0 ? pacingSpeedup : 1.0);
    }

    /** Device time (ms) at a wall-clock instant (epoch ms). */
    public double deviceMillis(long wallMillis) {
        return wallMillis * speedup;
    }

    public double nowMillis() {
        return deviceMillis(System.currentTimeMillis());
    }

    /** Wall-clock ms that {@code deviceMs} of device time take. */
    public double wallMillis(double deviceMs) {
        return deviceMs / speedup;
    }
}
