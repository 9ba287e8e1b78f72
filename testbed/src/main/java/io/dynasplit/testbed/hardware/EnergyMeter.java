package io.dynasplit.testbed.hardware;

/**
 * Measures the energy a device spends over a window. Counter meters (RAPL, NVML) read the counter at both ends;
 * sampling meters (an external wattmeter) integrate their samples over it.
 */
public interface EnergyMeter extends AutoCloseable {

    /** {@code measured:rapl}, {@code measured:nvidia-smi}, {@code measured:http-meter} or {@code emulated:<profile>}. */
    String source();

    /** True when the joules come from a real meter. */
    default boolean measured() {
        return source().startsWith("measured:");
    }

    /** Opens a window now. Windows are independent: several may be open at once. */
    Window start();

    @Override
    default void close() {
    }

    /** An open measurement window. */
    interface Window {
        /** Closes the window now and returns the joules spent in it. */
        double stopJoules();
    }
}
