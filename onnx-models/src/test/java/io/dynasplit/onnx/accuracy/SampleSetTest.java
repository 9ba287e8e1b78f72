package io.dynasplit.onnx.accuracy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SampleSetTest {
    /** Where the Debian package dataset-fashion-mnist puts the files (the IDX format's best-known user). */
    private static final Path FASHION_MNIST = Path.of(System.getProperty("dynasplit.fmnist.dir",
            System.getenv().getOrDefault("DYNASPLIT_FMNIST_DIR", "/usr/share/datasets/fashion-mnist")));

    @TempDir
    Path dir;

    @Test
    void uint8ImagesAreScaledAndLabelsRead() throws IOException {
        // two 1x2x2 images as MNIST stores them: uint8, gzip-compressed
        Path images = gzip(dir.resolve("images.idx.gz"), new byte[] {0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2,
                0, 51, (byte) 255, 102, 1, 2, 3, 4});
        Path labels = Files.write(dir.resolve("labels.idx"), new byte[] {0, 0, 0x08, 1, 0, 0, 0, 2, 7, 3});
        SampleSet set = SampleSet.readIdx(images, labels, 1f / 255);
        assertEquals(2, set.size());
        assertArrayEquals(new float[] {0f, 0.2f, 1f, 0.4f}, set.samples().get(0), 1e-7f);
        assertArrayEquals(new int[] {7, 3}, set.labels());
        assertEquals(1, set.first(1).size());
        assertArrayEquals(new int[] {7}, set.first(1).labels());
    }

    @Test
    void float32FilesRoundTripPlainAndGzipped() throws IOException {
        IdxFile tensor = new IdxFile(new int[] {3, 2}, new float[] {-1.5f, 0f, 2.25f, 1e-8f, Float.MAX_VALUE, 7f});
        for (String name : new String[] {"t.idx", "t.idx.gz"}) {
            tensor.writeFloat32(dir.resolve(name));
            IdxFile back = IdxFile.read(dir.resolve(name));
            assertArrayEquals(tensor.dims(), back.dims());
            assertArrayEquals(tensor.values(), back.values());
        }
        SampleSet set = SampleSet.readIdx(dir.resolve("t.idx.gz"), null, 1f);
        assertEquals(3, set.size());
        assertTrue(!set.hasLabels());
        assertArrayEquals(new float[] {2.25f, 1e-8f}, set.samples().get(1));
    }

    @Test
    void badFilesSayWhatIsWrong() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(text)).getMessage().contains("not an IDX"));
        Path truncated = Files.write(dir.resolve("short.idx"), new byte[] {0, 0, 0x08, 1, 0, 0, 0, 5, 1, 2});
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(truncated)).getMessage().contains("need 5"));
        new IdxFile(new int[] {2, 1}, new float[] {1, 2}).writeFloat32(dir.resolve("two.idx"));
        Path oneLabel = Files.write(dir.resolve("one.idx"), new byte[] {0, 0, 0x08, 1, 0, 0, 0, 1, 4});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SampleSet.readIdx(dir.resolve("two.idx"), oneLabel, 1f)).getMessage().contains("1 labels"));
    }

    @Test
    void readsTheFashionMnistTestSetAsItShips() throws IOException {
        Path images = FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");
        assumeTrue(Files.isRegularFile(images), "Fashion-MNIST not found in " + FASHION_MNIST
                + "; install it with: apt-get install -y dataset-fashion-mnist");
        SampleSet set = SampleSet.readIdx(images, FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz"), 1f / 255);
        assertEquals(10_000, set.size());
        assertEquals(28 * 28, set.samples().get(0).length);
        for (float v : set.samples().get(0)) {
            assertTrue(v >= 0 && v <= 1, "pixel / 255: " + v);
        }
        assertEquals(9, set.labels()[0]); // the first test image is an ankle boot
    }

    private static Path gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }
}
