package io.dynasplit.onnx.accuracy;

import io.dynasplit.contracts.TensorData;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.onnx.runtime.OnnxSplitRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Top-1 agreement of an imported model split at its split points with the same model unsplit in fp32: for every
 * sample, the head runs to the cut tensor, the tensor goes through the wire codec in each dtype exactly as a node
 * sends it ({@link TensorData#encode}, then {@link TensorData#decode}; int8 is quantised per sample, as each request
 * is), and the tail finishes. This is the figure the optimizer's accuracy objective uses for a model without a
 * measured accuracy table, and the one the built-in path reports as {@code agree} for fmnist-cnn.
 */
public final class SplitAgreement {
    private SplitAgreement() {
    }

    /** Every split point of {@code runner}, on one thread; rows by layer, then in the order of {@code dtypes}. */
    public static List<AgreementRow> measure(OnnxSplitRunner runner, SampleSet set, List<WireDtype> dtypes) {
        return measure(runner, set, IntStream.rangeClosed(0, runner.lastLayer()).boxed().toList(), dtypes, 1);
    }

    /**
     * The given split points only; rows in the order of {@code layers}, then of {@code dtypes}. {@code threads}
     * workers share the samples: ONNX Runtime sessions may run concurrently, and a small model's pass (0.2 ms for
     * fmnist-cnn) is too short for intra-op threads to pay off, so samples in parallel is what scales (the whole
     * Fashion-MNIST test set at 11 split points in int8: about 20 s on 2 cores instead of 60).
     */
    public static List<AgreementRow> measure(OnnxSplitRunner runner, SampleSet set, List<Integer> layers,
                                             List<WireDtype> dtypes, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        requireSampleSize(runner, set);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Tally>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> tally(runner, set, layers, dtypes, first, threads)));
            }
            Tally total = new Tally(layers.size(), dtypes.size());
            for (Future<Tally> part : parts) {
                total.add(part.get());
            }
            return rows(runner, set, layers, dtypes, total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts for samples {@code first}, {@code first + step}, ... */
    private static Tally tally(OnnxSplitRunner runner, SampleSet set, List<Integer> layers, List<WireDtype> dtypes,
                               int first, int step) {
        Tally tally = new Tally(layers.size(), dtypes.size());
        for (int s = first; s < set.size(); s += step) {
            float[] sample = set.samples().get(s);
            float[] logits = runner.full(sample);
            int reference = argMax(logits);
            for (int i = 0; i < layers.size(); i++) {
                int layer = layers.get(i);
                float[] cut = layer == runner.lastLayer() ? logits : runner.head(layer, sample);
                for (int d = 0; d < dtypes.size(); d++) {
                    int predicted = predict(runner, layer, cut, dtypes.get(d));
                    tally.agreeing[i][d] += predicted == reference ? 1 : 0;
                    tally.correct[i][d] += set.hasLabels() && predicted == set.labels()[s] ? 1 : 0;
                }
            }
        }
        return tally;
    }

    /** The tensor the tail receives after a round trip through the wire in {@code dtype}. */
    public static float[] overTheWire(float[] tensor, WireDtype dtype) {
        TensorData.Encoded wire = TensorData.encode(tensor, dtype);
        return TensorData.decode(wire.bytes(), wire.dtype(), wire.scale(), wire.zeroPoint());
    }

    /** At the last split point nothing crosses the wire (the edge has the result), as on the built-in path. */
    private static int predict(OnnxSplitRunner runner, int layer, float[] cut, WireDtype dtype) {
        return argMax(layer == runner.lastLayer() ? cut : runner.tail(layer, overTheWire(cut, dtype)));
    }

    private static List<AgreementRow> rows(OnnxSplitRunner runner, SampleSet set, List<Integer> layers,
                                           List<WireDtype> dtypes, Tally tally) {
        List<AgreementRow> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (int d = 0; d < dtypes.size(); d++) {
                rows.add(new AgreementRow(layers.get(i), runner.point(layers.get(i)).tensor(), dtypes.get(d),
                        set.size(), tally.agreeing[i][d], set.hasLabels() ? tally.correct[i][d] : -1));
            }
        }
        return rows;
    }

    private static void requireSampleSize(OnnxSplitRunner runner, SampleSet set) {
        long expected = runner.point(0).shape().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        for (float[] sample : set.samples()) {
            if (sample.length != expected) {
                throw new IllegalArgumentException("a sample has " + sample.length + " values; the model's input "
                        + runner.point(0).shape() + " takes " + expected);
            }
        }
    }

    /** Per split point and dtype: samples that kept the reference class, samples that matched their label. */
    private static final class Tally {
        final int[][] agreeing;
        final int[][] correct;

        Tally(int layers, int dtypes) {
            agreeing = new int[layers][dtypes];
            correct = new int[layers][dtypes];
        }

        void add(Tally other) {
            for (int i = 0; i < agreeing.length; i++) {
                for (int d = 0; d < agreeing[i].length; d++) {
                    agreeing[i][d] += other.agreeing[i][d];
                    correct[i][d] += other.correct[i][d];
                }
            }
        }
    }

    /** Index of the largest value (the first on ties, as the built-in path's argMax). */
    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
