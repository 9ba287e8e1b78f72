package io.dynasplit.contracts;

/** Wall-clock times measured on the hosts that ran the work, kept beside emulated device times. */
public record HostTimings(double edgeComputeMs, double cloudComputeMs, double endToEndMs) {
}
