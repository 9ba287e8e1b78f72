package io.dynasplit.deploy.inputs;

import io.dynasplit.runtime.fmnist.FashionMnist;
import io.dynasplit.runtime.fmnist.TestImages;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Real input images for requests: Fashion-MNIST test images (the whole test set when the dataset is installed, else
 * the ones shipped with DynaSplit) as PNG, which the edge decodes and resizes with padding to the model's input, as
 * the paper's resize_with_pad.
 */
public final class PngTestImages {
    public static final String MEDIA_TYPE = "image/png";

    private final TestImages images;

    private PngTestImages(TestImages images) {
        this.images = images;
    }

    /** From the dataset directory of {@link FashionMnist#defaultDirectory()}, else the shipped images. */
    public static PngTestImages find() {
        return new PngTestImages(TestImages.find());
    }

    /** From {@code datasetDir} when it holds the dataset, else the shipped images. */
    public static PngTestImages find(Path datasetDir) {
        return new PngTestImages(TestImages.find(datasetDir));
    }

    /** Which images these are and where they came from, in words. */
    public String origin() {
        return images.origin();
    }

    public boolean wholeTestSet() {
        return images.wholeTestSet();
    }

    public int size() {
        return images.size();
    }

    /** The class of image {@code i mod size} (e.g. {@code Ankle boot}). */
    public String label(int i) {
        return images.label(i % size());
    }

    /** Test image {@code i mod size} as a PNG. */
    public byte[] png(int i) {
        int side = FashionMnist.SIDE;
        float[] pixels = images.images().pixels();
        int offset = (i % size()) * side * side;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = Math.max(0, Math.min(255, Math.round(pixels[offset + y * side + x] * 255f)));
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
