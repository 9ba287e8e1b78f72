package io.dynasplit.testbed.energy;

import io.dynasplit.testbed.hardware.EnergyMeter;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several meters over the same window, added (e.g. RAPL for the CPUs plus NVML for the GPUs of a node). The sum is
 * {@code measured:} only when every part is; one estimated part makes it {@code estimated:}.
 */
public final class SumEnergyMeter implements EnergyMeter {
    private final List<EnergyMeter> meters;

    public SumEnergyMeter(List<EnergyMeter> meters) {
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("at least one meter");
        }
        this.meters = List.copyOf(meters);
    }

    @Override
    public String source() {
        String prefix = meters.stream().allMatch(EnergyMeter::measured) ? "measured:" : "estimated:";
        return prefix + meters.stream().map(m -> m.source().replaceFirst("^[a-z]+:", ""))
                .collect(Collectors.joining("+"));
    }

    @Override
    public Window start() {
        List<Window> windows = meters.stream().map(EnergyMeter::start).toList();
        return () -> windows.stream().mapToDouble(Window::stopJoules).sum();
    }

    @Override
    public void close() {
        meters.forEach(EnergyMeter::close);
    }
}
