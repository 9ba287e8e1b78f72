package io.dynasplit.runtime.fmnist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TestImagesTest {

    @Test
    void withoutTheDatasetTheShippedTestImagesAreUsedAndSaidSo(@TempDir Path emptyDatasetDir) {
        TestImages images = TestImages.find(emptyDatasetDir);

        assertFalse(images.wholeTestSet());
        assertEquals(FashionMnist.SHIPPED_TEST_IMAGES, images.size());
        assertTrue(images.origin().contains("first 200 test images shipped with DynaSplit"), images.origin());
        assertTrue(images.origin().contains(emptyDatasetDir.toString()), "names where it looked: " + images.origin());
        assertTrue(images.origin().contains(FashionMnist.INSTALL_HINT), images.origin());
        // the test set's first image is an ankle boot, its second a pullover
        assertEquals("Ankle boot", images.label(0));
        assertEquals("Pullover", images.label(1));
        float[] pixels = images.images().pixels();
        assertEquals(FashionMnist.SHIPPED_TEST_IMAGES * FashionMnist.SIDE * FashionMnist.SIDE, pixels.length);
        assertTrue(Arrays.stream(box(pixels)).anyMatch(v -> v > 0.5f), "real images, not blank ones");
    }

    @Test
    void theShippedImagesAreTheFirstOfTheDebianTestSet() throws Exception {
        Path dir = FashionMnist.defaultDirectory();
        assumeTrue(FashionMnist.isAvailable(dir), "Fashion-MNIST not in " + dir + "; " + FashionMnist.INSTALL_HINT);
        FashionMnist test = FashionMnist.load(dir, FashionMnist.Part.TEST);
        FashionMnist shipped = FashionMnist.shippedTestImages();
        int plane = FashionMnist.SIDE * FashionMnist.SIDE;

        assertArrayEquals(Arrays.copyOf(test.labels(), shipped.size()), shipped.labels());
        assertArrayEquals(Arrays.copyOf(test.pixels(), shipped.size() * plane), shipped.pixels());
        TestImages found = TestImages.find(dir);
        assertTrue(found.wholeTestSet());
        assertEquals(10_000, found.size());
        assertTrue(found.origin().startsWith("Fashion-MNIST test set, 10000 images from " + dir), found.origin());
    }

    private static Float[] box(float[] v) {
        Float[] boxed = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            boxed[i] = v[i];
        }
        return boxed;
    }
}
