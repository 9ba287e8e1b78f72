package io.dynasplit.onnx.accuracy;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.contracts.TensorData;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.onnx.TinyGraphs;
import io.dynasplit.onnx.importer.ModelAnalysis;
import io.dynasplit.onnx.proto.Onnx.TensorProto;
import io.dynasplit.onnx.runtime.OnnxSplitRunner;
import io.dynasplit.onnx.runtime.RunnerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the tiny chain x[1,4] -> MatMul -> Relu -> MatMul -> Relu -> MatMul -> y[1,3] (split points x, h1, a1, h2, a2,
 * y), the agreement figures equal a count made by hand: the chain evaluated in Java, each cut tensor sent through
 * the contracts' codec.
 */
class SplitAgreementTest {
    private static final int SAMPLES = 3000;
    private static ModelAnalysis analysis;
    private static OnnxSplitRunner runner;
    private static SampleSet set;

    @BeforeAll
    static void setUp() {
        analysis = ModelAnalysis.of(TinyGraphs.chain().toByteArray());
        runner = new OnnxSplitRunner(analysis.graph(), analysis.splitPoints(), new RunnerSettings(1, OptLevel.ALL_OPT));
        Random random = new Random(11);
        List<float[]> samples = new ArrayList<>();
        int[] labels = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            float[] x = new float[4];
            for (int j = 0; j < 4; j++) {
                x[j] = (float) random.nextGaussian();
            }
            samples.add(x);
            labels[i] = i % 3;
        }
        set = new SampleSet(samples, labels);
    }

    @AfterAll
    static void tearDown() {
        runner.close();
    }

    @Test
    void fp32OnTheWireAgreesEverywhereAndInt8MatchesTheHandCount() {
        List<AgreementRow> rows = SplitAgreement.measure(runner, set, List.of(WireDtype.FP32, WireDtype.INT8));
        assertEquals(2 * (runner.lastLayer() + 1), rows.size());
        int flips = 0;
        for (AgreementRow row : rows) {
            assertEquals(analysis.splitPoints().get(row.layer()).tensor(), row.tensor());
            assertEquals(SAMPLES, row.samples());
            if (row.dtype() == WireDtype.FP32) {
                assertEquals(SAMPLES, row.agreeing(), "fp32 round trip is exact at " + row.tensor());
            } else {
                assertEquals(handCount(row.layer()), row.agreeing(), "int8 at " + row.tensor());
                flips += SAMPLES - row.agreeing();
            }
            assertTrue(row.top1().isPresent());
        }
        assertTrue(flips > 0, "some int8 cut must flip a near-tie, or the test proves nothing about the codec");
        AgreementRow last = rows.get(rows.size() - 1);
        assertEquals(runner.lastLayer(), last.layer());
        assertEquals(1.0, last.agreement(), "nothing crosses the wire at the last split point");
    }

    @Test
    void workersShareTheSamplesWithoutChangingTheCounts() {
        List<Integer> layers = List.of(1, 3, 2);
        List<WireDtype> dtypes = List.of(WireDtype.INT8, WireDtype.FP16);
        assertEquals(SplitAgreement.measure(runner, set, layers, dtypes, 1),
                SplitAgreement.measure(runner, set, layers, dtypes, 3));
        assertEquals(List.of(1, 1, 3, 3, 2, 2), SplitAgreement.measure(runner, set.first(5), layers, dtypes, 2)
                .stream().map(AgreementRow::layer).toList());
    }

    @Test
    void withoutLabelsThereIsNoTop1AndASampleOfTheWrongSizeIsRefused() {
        SampleSet unlabelled = new SampleSet(set.first(10).samples(), new int[0]);
        assertTrue(SplitAgreement.measure(runner, unlabelled, List.of(WireDtype.INT8)).stream()
                .allMatch(r -> r.top1().isEmpty() && r.correct() == -1));
        SampleSet wrong = new SampleSet(List.of(new float[5]), new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SplitAgreement.measure(runner, wrong, List.of(WireDtype.INT8)));
        assertTrue(e.getMessage().contains("5 values"), e.getMessage());
    }

    /** Samples whose top-1 survives an int8 cut at {@code layer}, the chain evaluated here, not by ONNX Runtime. */
    private static int handCount(int layer) {
        float[][] w = {matrix("w1"), matrix("w2"), matrix("w3")};
        int[][] dims = {{4, 8}, {8, 8}, {8, 3}};
        int agreeing = 0;
        for (float[] x : set.samples()) {
            float[] full = forward(x, 0, w, dims);
            float[] cut = forwardTo(x, layer, w, dims);
            float[] received = layer == 5 ? cut : int8RoundTrip(cut);
            float[] out = layer == 5 ? received : forward(received, layer, w, dims);
            agreeing += SplitAgreement.argMax(out) == SplitAgreement.argMax(full) ? 1 : 0;
        }
        return agreeing;
    }

    /** Split points of the chain: 0 x, 1 h1 = x W1, 2 a1 = relu, 3 h2 = a1 W2, 4 a2 = relu, 5 y = a2 W3. */
    private static float[] forwardTo(float[] x, int layer, float[][] w, int[][] dims) {
        float[] v = x;
        for (int step = 1; step <= layer; step++) {
            v = step % 2 == 1 ? matmul(v, w[step / 2], dims[step / 2]) : relu(v);
        }
        return v;
    }

    private static float[] forward(float[] v, int fromLayer, float[][] w, int[][] dims) {
        for (int step = fromLayer + 1; step <= 5; step++) {
            v = step % 2 == 1 ? matmul(v, w[step / 2], dims[step / 2]) : relu(v);
        }
        return v;
    }

    private static float[] int8RoundTrip(float[] v) {
        TensorData.Encoded e = TensorData.encode(v, WireDtype.INT8);
        return TensorData.decode(e.bytes(), WireDtype.INT8, e.scale(), e.zeroPoint());
    }

    private static float[] matmul(float[] v, float[] m, int[] dims) {
        float[] out = new float[dims[1]];
        for (int j = 0; j < dims[1]; j++) {
            double sum = 0;
            for (int i = 0; i < dims[0]; i++) {
                sum += v[i] * m[i * dims[1] + j];
            }
            out[j] = (float) sum;
        }
        return out;
    }

    private static float[] relu(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0, v[i]);
        }
        return out;
    }

    private static float[] matrix(String name) {
        TensorProto t = analysis.graph().initializers().get(name);
        var buffer = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
