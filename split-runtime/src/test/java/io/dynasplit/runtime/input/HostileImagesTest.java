package io.dynasplit.runtime.input;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request's image, hostile: decoded, or refused with IllegalArgumentException (which the edge node turns into a
 * dead letter with the reason); an image bomb is refused from its header, before its pixels are allocated.
 */
class HostileImagesTest {
    private static final InputDecoder DECODER = new InputDecoder(Preprocessing.GREY_UNIT, new int[] {1, 28, 28});
    private static final byte[] PNG = encode("png");
    private static final byte[] JPEG = encode("jpg");

    @Test
    void anImageBombIsRefusedFromItsHeader() {
        byte[] bomb = withPngSize(PNG, 60_000, 60_000); // 3.6 gigapixels: 14 GB as ARGB, far above this test's heap
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DECODER.image(bomb));
        assertTrue(e.getMessage().contains("declares 60000 x 60000 pixels"), e.getMessage());
        assertEquals(28 * 28, DECODER.image(PNG).values().length, "the unpatched image still decodes");
    }

    @Test
    void damagedImagesAreRefusedWithTheDocumentedException() {
        byte[] truncated = java.util.Arrays.copyOf(PNG, PNG.length / 2);
        assertThrows(IllegalArgumentException.class, () -> DECODER.image(truncated));
        assertThrows(IllegalArgumentException.class, () -> DECODER.image(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertThrows(IllegalArgumentException.class, () -> DECODER.image("not an image".getBytes()));
    }

    /** A valid PNG or JPEG with a few bytes overwritten or cut short. */
    @FuzzTest(maxDuration = "10m")
    void imageMutated(FuzzedDataProvider data) {
        byte[] image = (data.consumeBoolean() ? PNG : JPEG).clone();
        int edits = data.consumeInt(1, 8);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            image[data.consumeInt(0, image.length - 1)] = data.consumeByte();
        }
        byte[] cut = java.util.Arrays.copyOf(image, data.consumeInt(1, image.length));
        try {
            DECODER.image(cut);
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }

    private static byte[] encode(String format) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 28; i++) {
            img.setRGB(i, i, 0xffffff);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code png} with its IHDR width and height replaced (and the chunk's CRC recomputed). */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer.wrap(out, 16, 8).putInt(width).putInt(height); // IHDR data starts at byte 16
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17); // chunk type + 13 data bytes
        ByteBuffer.wrap(out, 29, 4).putInt((int) crc.getValue());
        return out;
    }
}
