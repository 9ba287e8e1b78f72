package io.dynasplit.cloudnode.hardware;

import io.dynasplit.contracts.SplitConfig;

import java.util.function.Supplier;

/**
 * The cloud node as the tail sees it: selects GPU or CPU per configuration, runs the tail around its meter, and
 * accounts for it. Real hardware measures; an emulated profile predicts device time and energy.
 */
public interface CloudNode {

    record Run<T>(T output, CloudWork work) {
    }

    /**
     * @param tensorBytes  size of the intermediate tensor that crossed the network
     * @param measuredTransferMs wall time from the edge publishing the tensor to this node receiving it
     */
    <T> Run<T> run(SplitConfig config, long tensorBytes, double measuredTransferMs, Supplier<T> tail);

    String describe();
}
