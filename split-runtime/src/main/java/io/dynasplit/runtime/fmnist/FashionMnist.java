package io.dynasplit.runtime.fmnist;

import io.dynasplit.runtime.Activation;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST in its IDX files (gzip), as the Debian package {@code dataset-fashion-mnist} installs them under
 * {@value #DEBIAN_DIR}. Images become 1x28x28 values in [0, 1] (the fmnist-cnn's preprocessing).
 */
public record FashionMnist(float[] pixels, int[] labels) {
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    public static final String INSTALL_HINT = "apt-get install -y dataset-fashion-mnist";
    public static final int SIDE = 28;
    private static final int PLANE = SIDE * SIDE;

    public enum Part {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Part(String prefix) {
            this.prefix = prefix;
        }
    }

    /** System property {@code dynasplit.fmnist.dir}, env {@code DYNASPLIT_FMNIST_DIR}, else the Debian path. */
    public static Path defaultDirectory() {
        String p = System.getProperty("dynasplit.fmnist.dir");
        if (p == null || p.isBlank()) {
            p = System.getenv("DYNASPLIT_FMNIST_DIR");
        }
        return Path.of(p == null || p.isBlank() ? DEBIAN_DIR : p);
    }

    public static boolean isAvailable(Path dir) {
        for (Part part : Part.values()) {
            if (!Files.isRegularFile(images(dir, part)) || !Files.isRegularFile(labelsFile(dir, part))) {
                return false;
            }
        }
        return true;
    }

    public static FashionMnist load(Path dir, Part part) throws IOException {
        if (!isAvailable(dir)) {
            throw new IOException("Fashion-MNIST not found in " + dir + " (install it: " + INSTALL_HINT + ")");
        }
        int[] labels = readLabels(labelsFile(dir, part));
        float[] pixels = readImages(images(dir, part), labels.length);
        return new FashionMnist(pixels, labels);
    }

    public int size() {
        return labels.length;
    }

    /** Images [from, to) as one batch of shape (to - from, 1, 28, 28). */
    public Activation batch(int from, int to) {
        float[] v = new float[(to - from) * PLANE];
        System.arraycopy(pixels, from * PLANE, v, 0, v.length);
        return new Activation(v, new int[] {to - from, 1, SIDE, SIDE});
    }

    /** The images at {@code indices}, in that order, as one batch. */
    public Activation batch(int[] indices) {
        float[] v = new float[indices.length * PLANE];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * PLANE, v, i * PLANE, PLANE);
        }
        return new Activation(v, new int[] {indices.length, 1, SIDE, SIDE});
    }

    private static Path images(Path dir, Part part) {
        return dir.resolve(part.prefix + "-images-idx3-ubyte.gz");
    }

    private static Path labelsFile(Path dir, Part part) {
        return dir.resolve(part.prefix + "-labels-idx1-ubyte.gz");
    }

    private static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(in, 0x801, file);
            int n = in.readInt();
            byte[] raw = in.readNBytes(n);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = raw[i];
            }
            return labels;
        }
    }

    private static float[] readImages(Path file, int expected) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(in, 0x803, file);
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n != expected || rows != SIDE || cols != SIDE) {
                throw new IOException(file + ": " + n + " images of " + rows + "x" + cols + ", expected " + expected
                        + " of 28x28");
            }
            byte[] raw = in.readNBytes(n * PLANE);
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xff) / 255f;
            }
            return pixels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(in, 1 << 16));
    }

    private static void expectMagic(DataInputStream in, int magic, Path file) throws IOException {
        int m = in.readInt();
        if (m != magic) {
            throw new IOException(file + " is not an IDX file of the expected kind (magic " + m + ")");
        }
    }
}
