package io.dynasplit.testbed.hardware;

import java.util.List;

/** The edge node's knobs and meter as detected, with the reason for each choice. */
public record EdgeHardware(CpuFrequencyKnob cpuFrequency, AcceleratorKnob accelerator, EnergyMeter meter,
                           List<DriverChoice> choices) {

    public EdgeHardware {
        choices = List.copyOf(choices);
    }

    /** One line per knob and meter. */
    public List<String> report() {
        return choices.stream().map(DriverChoice::line).toList();
    }

    /** True when nothing real or estimated was found (or hardware=emulated). */
    public boolean fullyEmulated() {
        return choices.stream().allMatch(c -> c.chosen().startsWith("emulated:"));
    }
}
