package io.dynasplit.testbed.emulated;

/**
 * Which part of a head's time runs on the edge CPU and so scales with the clock period (the rest, memory stalls,
 * USB and the Edge TPU itself, does not): {@code (1 - alpha) * total + overheadMs * inputScale + msPerOutputKb *
 * outputKb}, at most the total. CPU heads use alpha alone (a fixed share of every layer); Edge TPU heads use the
 * other two (the CPU quantises the input and reads back and dequantises the output).
 */
public record CpuShare(double alpha, double overheadMs, double msPerOutputKb) {

    public static CpuShare proportional(double alpha) {
        return new CpuShare(alpha, 0, 0);
    }

    public static CpuShare accelerator(double overheadMs, double msPerOutputKb) {
        return new CpuShare(1, overheadMs, msPerOutputKb);
    }

    /** Ms at f_max of the clock-scaled part of a head whose whole time at f_max is {@code totalMs}. */
    double scaledMs(double totalMs, NetworkShape shape, int layer) {
        double s = (1 - alpha) * totalMs + overheadMs * shape.inputScale() + msPerOutputKb * shape.acceleratorOutputKb(layer);
        return Math.min(totalMs, s);
    }
}
