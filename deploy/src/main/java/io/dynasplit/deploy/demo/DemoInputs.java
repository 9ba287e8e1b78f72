package io.dynasplit.deploy.demo;

import io.dynasplit.runtime.fmnist.FashionMnist;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Real input images for the demo's requests: Fashion-MNIST test images (Debian package dataset-fashion-mnist) as
 * PNG, which the edge decodes and resizes with padding to the model's input, as the paper's resize_with_pad.
 */
final class DemoInputs {
    private final FashionMnist images;

    private DemoInputs(FashionMnist images) {
        this.images = images;
    }

    /** Null when the dataset is not installed. */
    static DemoInputs loadOrNull() {
        Path dir = FashionMnist.defaultDirectory();
        if (!FashionMnist.isAvailable(dir)) {
            return null;
        }
        try {
            return new DemoInputs(FashionMnist.load(dir, FashionMnist.Part.TEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test image {@code i} as a PNG. */
    byte[] png(int i) {
        int side = FashionMnist.SIDE;
        float[] pixels = images.pixels();
        int offset = (i % images.size()) * side * side;
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
