package io.dynasplit.testbed.emulated;

/**
 * An emulated edge device's account of one command, in device time (ms) and joules.
 *
 * @param queueMs            waiting for the device to finish earlier commands
 * @param reconfigurationMs  switching the CPU frequency or accelerator mode (0 when neither changed)
 * @param edgeMs             running the head
 * @param edgeActiveJ        the board's energy while it runs the head (not the waiting: see {@code waitWatts})
 * @param reconfigurationJ   the board's energy while it reconfigures (waiting power; the paper does not count it)
 * @param waitWatts          the board's power while it then waits for transfer and cloud: the request's whole-board
 *                           edge energy is {@code edgeActiveJ + waitWatts * (transferMs + cloudMs) / 1000}
 * @param tensorKb           what the head ships to the cloud, as the profile sizes it (0 for edge-only)
 * @param reconfigured       whether the knobs changed for this command
 * @param finishWallMillis   the wall-clock time (ms) at which the device finishes, at the options' speedup: sleep
 *                           until then to pace
 * @param source             {@code emulated:<edge device class>}, or {@code estimated:<edge device class>} for a
 *                           network priced from its split point table
 */
public record EdgeRun(double queueMs, double reconfigurationMs, double edgeMs, double edgeActiveJ,
                      double reconfigurationJ, double waitWatts, double tensorKb, boolean reconfigured,
                      double finishWallMillis, String source) {
}
