package io.dynasplit.onnx;

import io.dynasplit.onnx.importer.ModelAnalysis;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.onnx.runtime.OnnxSplitRunner;
import io.dynasplit.onnx.runtime.RunnerSettings;
import io.dynasplit.onnx.split.SplitPointRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real graphs nobody here wrote: head then tail equals the full model at every split point, on a random input. */
class ZooSplitTest {

    static java.util.stream.Stream<String> zoo() {
        return ZooGraphs.names();
    }

    @ParameterizedTest
    @MethodSource("zoo")
    void headThenTailEqualsFullModelAtEverySplitPoint(String name) {
        ModelAnalysis analysis = ModelAnalysis.of(ZooGraphs.read(name));
        float[] input = new float[Math.toIntExact(analysis.splitPoints().get(0).shape().stream()
                .reduce(1L, (a, b) -> a * b))];
        Random random = new Random(42);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        try (OnnxSplitRunner runner = new OnnxSplitRunner(analysis.graph(), analysis.splitPoints(),
                new RunnerSettings(2, OptLevel.NO_OPT))) {
            float[] full = runner.full(input);
            float maxMagnitude = 0;
            for (float v : full) {
                maxMagnitude = Math.max(maxMagnitude, Math.abs(v));
            }
            assertTrue(maxMagnitude > 0, "the full model's output is all zeros");
            for (SplitPointRow point : analysis.splitPoints()) {
                float[] cut = runner.head(point.layer(), input);
                assertEquals(point.fp32Bytes() / 4, cut.length, name + " layer " + point.layer() + " tensor size");
                float[] out = runner.tail(point.layer(), cut);
                assertEquals(full.length, out.length);
                double worst = 0;
                for (int i = 0; i < full.length; i++) {
                    worst = Math.max(worst, Math.abs(out[i] - full[i]));
                }
                assertTrue(worst <= 1e-5 * maxMagnitude, name + " layer " + point.layer() + " ('" + point.tensor()
                        + "'): max abs difference " + worst + " > 1e-5 x " + maxMagnitude);
                runner.release(point.layer()); // vgg19's weights are 548 MB per session
            }
            System.out.printf("%s: %d split points (%d interior), smallest interior tensor %s%n", name,
                    analysis.splitPoints().size(), analysis.splitPoints().size() - 2,
                    analysis.splitPoints().stream().skip(1).limit(Math.max(0, analysis.lastLayer() - 1))
                            .min(java.util.Comparator.comparingLong(SplitPointRow::fp32Bytes))
                            .map(p -> p.tensor() + " " + p.shape() + " " + p.fp32Bytes() + " B").orElse("none"));
        }
    }
}
