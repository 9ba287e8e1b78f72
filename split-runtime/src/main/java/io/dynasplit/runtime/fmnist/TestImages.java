package io.dynasplit.runtime.fmnist;

import io.dynasplit.runtime.nets.FmnistCnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Real Fashion-MNIST test images to send as requests, on any machine: the whole test set (10,000 images) from the
 * dataset directory when it holds it, else the first {@value FashionMnist#SHIPPED_TEST_IMAGES} that ship with
 * DynaSplit. {@code origin} says which, in words a person reads in a command's output.
 */
public record TestImages(FashionMnist images, String origin, boolean wholeTestSet) {

    /** From {@link FashionMnist#defaultDirectory()} (the Debian package's directory unless configured). */
    public static TestImages find() {
        return find(FashionMnist.defaultDirectory());
    }

    /** The test set in {@code datasetDir} when it is there, else the shipped images. */
    public static TestImages find(Path datasetDir) {
        try {
            if (FashionMnist.isAvailable(datasetDir)) {
                FashionMnist test = FashionMnist.load(datasetDir, FashionMnist.Part.TEST);
                return new TestImages(test, "Fashion-MNIST test set, " + test.size() + " images from " + datasetDir, true);
            }
            FashionMnist shipped = FashionMnist.shippedTestImages();
            return new TestImages(shipped, "Fashion-MNIST, the first " + shipped.size()
                    + " test images shipped with DynaSplit (no dataset in " + datasetDir + "; all 10,000: "
                    + FashionMnist.INSTALL_HINT + ")", false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST test images: " + e.getMessage(), e);
        }
    }

    public int size() {
        return images.size();
    }

    /** The class name of image {@code i} (e.g. {@code Ankle boot}). */
    public String label(int i) {
        return FmnistCnn.LABELS.get(images.labels()[i]);
    }
}
