package io.dynasplit.testbed.hardware;

import java.util.List;

/** The CPU clock of an emulated board: remembers the setting; the testbed model turns it into device time. */
public final class EmulatedCpuFrequencyKnob implements CpuFrequencyKnob {
    private final String profile;
    private final List<Integer> frequencies;
    private volatile int current;

    public EmulatedCpuFrequencyKnob(String profile, List<Integer> frequenciesMhz) {
        this.profile = profile;
        this.frequencies = List.copyOf(frequenciesMhz);
        this.current = frequencies.get(frequencies.size() - 1);
    }

    @Override
    public String source() {
        return "emulated:" + profile;
    }

    @Override
    public List<Integer> availableMhz() {
        return frequencies;
    }

    @Override
    public void setMhz(int mhz) {
        if (!frequencies.contains(mhz)) {
            throw new HardwareException(mhz + " MHz is not one of " + profile + "'s " + frequencies);
        }
        current = mhz;
    }

    @Override
    public int currentMhz() {
        return current;
    }
}
