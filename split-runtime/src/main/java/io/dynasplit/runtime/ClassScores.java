package io.dynasplit.runtime;

import io.dynasplit.contracts.ClassScore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/** Softmax over sample 0's logits and the best {@code k} classes: one rule for built-in and imported networks. */
public final class ClassScores {
    private ClassScores() {
    }

    public static List<ClassScore> topK(Activation logits, int k, IntFunction<String> label) {
        float[] v = logits.values();
        int classes = v.length / logits.batchSize();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < classes; i++) {
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        double[] p = new double[classes];
        for (int i = 0; i < classes; i++) {
            p[i] = Math.exp(v[i] - max);
            sum += p[i];
        }
        List<ClassScore> all = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            all.add(new ClassScore(i, label.apply(i), p[i] / sum));
        }
        all.sort(Comparator.comparingDouble(ClassScore::score).reversed().thenComparingInt(ClassScore::classIndex));
        return List.copyOf(all.subList(0, Math.min(k, classes)));
    }
}
