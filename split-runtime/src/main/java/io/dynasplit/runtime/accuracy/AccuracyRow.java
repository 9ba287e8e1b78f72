package io.dynasplit.runtime.accuracy;

import io.dynasplit.contracts.WireDtype;

/**
 * Top-1 accuracy of a model split at {@code layer} with the intermediate tensor sent in {@code dtype}, and how
 * often the prediction equals the unsplit fp32 network's.
 */
public record AccuracyRow(String model, int layer, String layerName, WireDtype dtype, int images, int correct,
                          int agreeWithFp32) {

    public double top1() {
        return (double) correct / images;
    }

    public double agreement() {
        return (double) agreeWithFp32 / images;
    }
}
