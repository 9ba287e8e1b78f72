package io.dynasplit.onnx.accuracy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inputs for an accuracy check of an imported model: one fp32 array per sample, already in the model's input form
 * (preprocessing applied, row-major, no batch dimension), and the true class of each where known (then top-1
 * accuracy is reported next to agreement). The split agreement itself needs no labels: it compares the split model
 * with the full one.
 */
public record SampleSet(List<float[]> samples, int[] labels) {

    public SampleSet {
        samples = List.copyOf(samples);
        labels = labels.clone();
        if (labels.length != 0 && labels.length != samples.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + labels.length + " labels");
        }
    }

    /**
     * Reads samples from an IDX tensor file (first axis: samples), every value multiplied by {@code scale} (e.g.
     * 1/255 for 8-bit images fed to a network that takes [0, 1]), and, when {@code labelFile} is not null, their
     * labels from an IDX file with one integer per sample.
     */
    public static SampleSet readIdx(Path inputFile, Path labelFile, float scale) throws IOException {
        IdxFile inputs = IdxFile.read(inputFile);
        int per = inputs.values().length / inputs.count();
        List<float[]> samples = new ArrayList<>(inputs.count());
        for (int i = 0; i < inputs.count(); i++) {
            float[] s = Arrays.copyOfRange(inputs.values(), i * per, (i + 1) * per);
            for (int j = 0; j < per; j++) {
                s[j] *= scale;
            }
            samples.add(s);
        }
        return new SampleSet(samples, labelFile == null ? new int[0] : labels(IdxFile.read(labelFile), inputFile));
    }

    private static int[] labels(IdxFile file, Path inputs) throws IOException {
        if (file.dims().length != 1) {
            throw new IOException("labels for " + inputs + " must be one integer per sample, got dims "
                    + Arrays.toString(file.dims()));
        }
        int[] out = new int[file.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(file.values()[i]);
        }
        return out;
    }

    public int size() {
        return samples.size();
    }

    public boolean hasLabels() {
        return labels.length > 0;
    }

    /** The first {@code n} samples (all when fewer), for quicker checks. */
    public SampleSet first(int n) {
        int k = Math.min(n, size());
        return new SampleSet(samples.subList(0, k), hasLabels() ? Arrays.copyOf(labels, k) : new int[0]);
    }
}
