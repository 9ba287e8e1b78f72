package io.dynasplit.testbed.emulated;

/**
 * Amortised edge-to-cloud network time as a function of the tensor's size: a fixed per-message cost plus a
 * bandwidth term. Fitted to the paper's transfer times (a WAN from Vienna to Lyon, gRPC bulk streaming).
 */
public record TransferModel(double fixedMs, double msPerKb) {

    public double ms(double kb) {
        return kb <= 0 ? 0 : fixedMs + msPerKb * kb;
    }

    /** The link's bandwidth that the slope stands for, in MB/s. */
    public double megabytesPerSecond() {
        return 1000.0 / msPerKb / 1024.0;
    }
}
