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
 * {@value #DEBIAN_DIR}, or the first {@value #SHIPPED_TEST_IMAGES} test images that ship with DynaSplit as a resource
 * (MIT-licensed, see {@code FASHION-MNIST-LICENSE.txt} beside them). Images become 1x28x28 values in [0, 1] (the
 * fmnist-cnn's preprocessing).
 */
public record FashionMnist(float[] pixels, int[] labels) {
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    public static final String INSTALL_HINT = "apt-get install -y dataset-fashion-mnist";
    public static final int SIDE = 28;
    /** How many of the test set's first images ship with DynaSplit, so every machine has real images to send. */
    public static final int SHIPPED_TEST_IMAGES = 200;
    private static final String SHIPPED_PREFIX = "t10k-first" + SHIPPED_TEST_IMAGES;
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
        Path labelsFile = labelsFile(dir, part);
        Path imagesFile = images(dir, part);
        int[] labels;
        try (InputStream in = Files.newInputStream(labelsFile)) {
            labels = readLabels(in, labelsFile.toString());
        }
        try (InputStream in = Files.newInputStream(imagesFile)) {
            return new FashionMnist(readImages(in, labels.length, imagesFile.toString()), labels);
        }
    }

    /** The first {@value #SHIPPED_TEST_IMAGES} images and labels of the test set, from this module's resources. */
    public static FashionMnist shippedTestImages() throws IOException {
        int[] labels;
        try (InputStream in = resource(SHIPPED_PREFIX + "-labels-idx1-ubyte.gz")) {
            labels = readLabels(in, SHIPPED_PREFIX + " labels");
        }
        try (InputStream in = resource(SHIPPED_PREFIX + "-images-idx3-ubyte.gz")) {
            return new FashionMnist(readImages(in, labels.length, SHIPPED_PREFIX + " images"), labels);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FashionMnist.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " missing beside " + FashionMnist.class.getName()
                    + " (a damaged build of split-runtime?)");
        }
        return in;
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

    private static int[] readLabels(InputStream gzip, String file) throws IOException {
        try (DataInputStream in = open(gzip)) {
            expectMagic(in, 0x801, file);
            int n = in.readInt();
            byte[] raw = in.readNBytes(n);
            if (raw.length != n) {
                throw new IOException(file + " is truncated: " + raw.length + " of " + n + " labels");
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = raw[i];
            }
            return labels;
        }
    }

    private static float[] readImages(InputStream gzip, int expected, String file) throws IOException {
        try (DataInputStream in = open(gzip)) {
            expectMagic(in, 0x803, file);
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n != expected || rows != SIDE || cols != SIDE) {
                throw new IOException(file + ": " + n + " images of " + rows + "x" + cols + ", expected " + expected
                        + " of 28x28");
            }
            byte[] raw = in.readNBytes(n * PLANE);
            if (raw.length != n * PLANE) {
                throw new IOException(file + " is truncated: " + raw.length + " of " + n * PLANE + " pixel bytes");
            }
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xff) / 255f;
            }
            return pixels;
        }
    }

    private static DataInputStream open(InputStream gzip) throws IOException {
        return new DataInputStream(new GZIPInputStream(gzip, 1 << 16));
    }

    private static void expectMagic(DataInputStream in, int magic, String file) throws IOException {
        int m = in.readInt();
        if (m != magic) {
            throw new IOException(file + " is not an IDX file of the expected kind (magic " + m + ")");
        }
    }
}
