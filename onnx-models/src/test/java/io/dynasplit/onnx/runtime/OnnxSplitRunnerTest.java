package io.dynasplit.onnx.runtime;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.onnx.TinyGraphs;
import io.dynasplit.onnx.importer.ModelAnalysis;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The runner's copies in and out of ONNX Runtime: the reused input buffer and the output arrays. */
class OnnxSplitRunnerTest {

    @Test
    void inputsOfEverySizeThroughTheReusedBufferGiveTheSameResultsEachTime() {
        ModelAnalysis analysis = ModelAnalysis.of(TinyGraphs.chain().toByteArray());
        try (OnnxSplitRunner runner = new OnnxSplitRunner(analysis.graph(), analysis.splitPoints(),
                new RunnerSettings(1, OptLevel.ALL_OPT))) {
            float[] x = {0.5f, -1f, 2f, 0.25f};
            float[] full = runner.full(x);
            for (int layer = 1; layer < runner.lastLayer(); layer++) {
                float[] cut = runner.head(layer, x);
                float[] again = runner.head(layer, x);
                assertNotSame(cut, again, "each call returns its own array");
                assertArrayEquals(cut, again);
                // the tail's input (8 floats) and the full pass's (4) alternate through one buffer
                assertArrayEquals(full, runner.tail(layer, cut), 1e-5f, "layer " + layer);
                assertArrayEquals(full, runner.full(x), 1e-5f);
                assertArrayEquals(full, runner.tail(layer, cut.clone()), 1e-5f, "layer " + layer);
            }
        }
    }

    @Test
    void anOutputBufferOverAWholeArrayIsTakenAsItIsAndAnyOtherIsCopied() {
        float[] whole = {1, 2, 3};
        assertSame(whole, OnnxSplitRunner.toArray(FloatBuffer.wrap(whole)));
        float[] backing = {9, 1, 2, 3};
        float[] sliced = OnnxSplitRunner.toArray(FloatBuffer.wrap(backing, 1, 3).slice());
        assertArrayEquals(new float[] {1, 2, 3}, sliced);
        assertArrayEquals(new float[] {2, 3}, OnnxSplitRunner.toArray(FloatBuffer.wrap(backing, 2, 2)));
        FloatBuffer direct = java.nio.ByteBuffer.allocateDirect(8).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        direct.put(4).put(5).flip();
        assertArrayEquals(new float[] {4, 5}, OnnxSplitRunner.toArray(direct));
    }
}
