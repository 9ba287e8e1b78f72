package io.dynasplit.testbed.hardware;

import java.util.List;

/** The cloud node's GPU knob and energy meter as detected, with the reason for each choice. */
public record CloudHardware(CloudGpuKnob gpu, EnergyMeter meter, List<DriverChoice> choices) {

    public CloudHardware {
        choices = List.copyOf(choices);
    }

    public List<String> report() {
        return choices.stream().map(DriverChoice::line).toList();
    }

    public boolean fullyEmulated() {
        return choices.stream().allMatch(c -> c.chosen().startsWith("emulated:"));
    }
}
