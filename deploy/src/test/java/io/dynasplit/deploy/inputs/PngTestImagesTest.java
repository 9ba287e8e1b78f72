package io.dynasplit.deploy.inputs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PngTestImagesTest {

    @Test
    void onAMachineWithoutTheDatasetRequestsCarryTheShippedRealImages(@TempDir Path emptyDatasetDir) throws Exception {
        PngTestImages images = PngTestImages.find(emptyDatasetDir);

        assertFalse(images.wholeTestSet());
        assertEquals(200, images.size());
        BufferedImage first = ImageIO.read(new ByteArrayInputStream(images.png(0)));
        assertEquals(28, first.getWidth());
        assertEquals(28, first.getHeight());
        assertNotEquals(0, first.getRGB(14, 14) & 0xff, "an ankle boot has ink in its middle");
        assertEquals(images.label(3), images.label(203), "indices past the end wrap round");
    }
}
