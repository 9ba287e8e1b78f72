package io.dynasplit.testbed.emulated;

/**
 * An emulated cloud node's account of one tail, in device time (ms) and joules.
 *
 * @param queueMs          waiting for a free slot on the node
 * @param transferMs       the profile's network time for the tensor's size
 * @param cloudMs          running the tail (GPU or CPU per the configuration)
 * @param cloudJ           cloud energy under {@code accounting}
 * @param accounting       {@code whole-node} or {@code gpu-marginal}
 * @param finishWallMillis the wall-clock time (ms) at which the node finishes, at the options' speedup
 * @param source           {@code emulated:<cloud profile>}, or {@code estimated:<cloud profile>} for a network
 *                         priced from its split point table
 */
public record CloudRun(double queueMs, double transferMs, double cloudMs, double cloudJ, String accounting,
                       double finishWallMillis, String source) {
}
