package io.dynasplit.testbed.emulated;

import java.util.function.LongSupplier;

/**
 * How an emulated node turns the testbed's model into device time.
 *
 * @param noise   draw each run from {@code TestbedModel.sample} (the devices' run-to-run spread) instead of the
 *                noise-free prediction
 * @param seed    seed of those draws (and of sampled reconfiguration times)
 * @param speedup device time runs this many times faster than the wall clock: a device busy for 1000 device ms
 *                stays busy for 1000 / speedup wall ms. 1 = real time. Queueing and pacing both follow it.
 * @param clock   wall clock in ms (System::currentTimeMillis; tests pass a fake)
 * @param drift   a drift injected into the emulated edge board ({@link BoardDrift#none()}: none)
 */
public record EmulationOptions(boolean noise, long seed, double speedup, LongSupplier clock, BoardDrift drift) {

    public EmulationOptions {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be a positive finite number, got " + speedup);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        if (drift == null) {
            throw new IllegalArgumentException("drift is required (BoardDrift.none() for none)");
        }
    }

    /** Noise-free, real time, system clock. */
    public static EmulationOptions defaults() {
        return new EmulationOptions(false, 0, 1.0, System::currentTimeMillis, BoardDrift.none());
    }

    public EmulationOptions withNoise(long seed) {
        return new EmulationOptions(true, seed, speedup, clock, drift);
    }

    public EmulationOptions withSpeedup(double factor) {
        return new EmulationOptions(noise, seed, factor, clock, drift);
    }

    public EmulationOptions withClock(LongSupplier wallClockMillis) {
        return new EmulationOptions(noise, seed, speedup, wallClockMillis, drift);
    }

    public EmulationOptions withDrift(BoardDrift boardDrift) {
        return new EmulationOptions(noise, seed, speedup, clock, boardDrift);
    }
}
