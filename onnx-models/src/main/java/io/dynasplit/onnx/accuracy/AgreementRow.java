package io.dynasplit.onnx.accuracy;

import io.dynasplit.contracts.WireDtype;

import java.util.OptionalDouble;

/**
 * One split point and wire dtype of an accuracy check: of {@code samples} inputs, how many kept the full fp32
 * model's top-1 class when split there ({@code agreeing}), and how many matched their label ({@code correct}, -1
 * when the sample set has no labels). Agreement is what the optimizer's accuracy objective needs for a model whose
 * own accuracy nobody here can measure; top-1 is shown when labels exist.
 */
public record AgreementRow(int layer, String tensor, WireDtype dtype, int samples, int agreeing, int correct) {

    public double agreement() {
        return (double) agreeing / samples;
    }

    public OptionalDouble top1() {
        return correct < 0 ? OptionalDouble.empty() : OptionalDouble.of((double) correct / samples);
    }
}
