package io.dynasplit.runtime.accuracy;

import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.SplitModel;
import io.dynasplit.runtime.fmnist.FashionMnist;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures top-1 accuracy at every split point and wire dtype: the head's output of each image is quantised on
 * its own (per-tensor, as one request would be), sent through the wire codec and finished by the tail. At l = L
 * nothing crosses the wire, so every dtype gives the fp32 network's accuracy.
 */
public final class SplitAccuracy {
    private static final int BATCH = 500;

    private SplitAccuracy() {
    }

    /** Rows ordered by layer, then by the order of {@code dtypes}; {@code limit} caps the number of images. */
    public static List<AccuracyRow> evaluate(SplitModel model, FashionMnist data, List<WireDtype> dtypes, int limit) {
        int n = Math.min(limit, data.size());
        int layers = model.lastLayer() + 1;
        int[][] correct = new int[layers][dtypes.size()];
        int[][] agree = new int[layers][dtypes.size()];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            Activation act = data.batch(from, to);
            int[][][] predicted = new int[layers][dtypes.size()][];
            for (int l = 0; l < layers; l++) {
                if (l > 0) {
                    act = model.layers(l - 1, l, act);
                }
                for (int d = 0; d < dtypes.size(); d++) {
                    predicted[l][d] = l == model.lastLayer() ? act.argMax()
                            : model.tail(l, perSampleRoundTrip(act, dtypes.get(d))).argMax();
                }
            }
            int[] reference = act.argMax(); // head(L): the unsplit fp32 network
            for (int l = 0; l < layers; l++) {
                for (int d = 0; d < dtypes.size(); d++) {
                    for (int i = 0; i < reference.length; i++) {
                        correct[l][d] += predicted[l][d][i] == data.labels()[from + i] ? 1 : 0;
                        agree[l][d] += predicted[l][d][i] == reference[i] ? 1 : 0;
                    }
                }
            }
        }
        List<AccuracyRow> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < dtypes.size(); d++) {
                rows.add(new AccuracyRow(model.name(), l, model.splitPoint(l).name(), dtypes.get(d), n,
                        correct[l][d], agree[l][d]));
            }
        }
        return rows;
    }

    private static Activation perSampleRoundTrip(Activation batch, WireDtype dtype) {
        if (dtype == WireDtype.FP32) {
            return batch.roundTrip(dtype);
        }
        List<Activation> samples = new ArrayList<>(batch.batchSize());
        for (int i = 0; i < batch.batchSize(); i++) {
            samples.add(batch.sample(i).roundTrip(dtype));
        }
        return Activation.concat(samples);
    }
}
