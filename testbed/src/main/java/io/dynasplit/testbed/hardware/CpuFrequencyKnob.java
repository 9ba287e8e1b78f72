package io.dynasplit.testbed.hardware;

import java.util.List;

/** The edge CPU's clock. */
public interface CpuFrequencyKnob {

    /** What drives it: {@code cpufreq-sysfs:<root>} or {@code emulated:<device class>}. */
    String source();

    /** The frequencies that can be set, ascending (MHz). */
    List<Integer> availableMhz();

    /** Sets the frequency and checks it took; throws {@link HardwareException} when it did not. */
    void setMhz(int mhz);

    /** The frequency the CPU runs at now (MHz). */
    int currentMhz();
}
