package io.dynasplit.runtime.input;

import io.dynasplit.contracts.TensorData;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.Activation;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InputDecoderTest {
    private final InputDecoder grey = new InputDecoder(Preprocessing.GREY_UNIT, new int[] {1, 28, 28});
    private final InputDecoder caffe = new InputDecoder(Preprocessing.CAFFE, new int[] {3, 224, 224});
    private final InputDecoder tf = new InputDecoder(Preprocessing.TF, new int[] {3, 224, 224});

    @Test
    void greyPngBecomesPixelsOver255() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 5, 0, 255);
        img.getRaster().setSample(10, 20, 0, 51);
        Activation a = grey.decode("image/png", encode(img, "png"), 0);
        assertArrayEquals(new int[] {1, 1, 28, 28}, a.shape());
        assertEquals(1f, a.values()[5 * 28 + 3], 1e-6);
        assertEquals(0.2f, a.values()[20 * 28 + 10], 1e-6);
        assertEquals(0f, a.values()[0]);
    }

    @Test
    void colourImagesAreResizedWithPaddingAndPreprocessedPerMode() throws IOException {
        BufferedImage wide = new BufferedImage(448, 224, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 448; x++) {
                wide.setRGB(x, y, 0xC86432); // r=200, g=100, b=50
            }
        }
        Activation a = caffe.decode("image/png", encode(wide, "png"), 0);
        int plane = 224 * 224;
        int centre = 112 * 224 + 112;
        // caffe: BGR minus the ImageNet means
        assertEquals(50 - 103.939f, a.values()[centre], 1e-3);
        assertEquals(100 - 116.779f, a.values()[plane + centre], 1e-3);
        assertEquals(200 - 123.68f, a.values()[2 * plane + centre], 1e-3);
        // 2:1 image in a square: rows at the top are padding (black)
        assertEquals(-103.939f, a.values()[5 * 224 + 112], 1e-3);
        Activation t = tf.decode("image/jpeg", encode(wide, "jpg"), 0);
        assertEquals(200 / 127.5f - 1, t.values()[centre], 0.05); // JPEG is lossy
    }

    @Test
    void syntheticInputsDependOnlyOnTheSeed() {
        Activation a = caffe.decode(null, null, 42);
        assertEquals(a, caffe.decode("image/png", new byte[0], 42));
        assertFalse(a.equals(caffe.decode(null, null, 43)));
        for (float v : tf.synthetic(42).values()) {
            assertEquals(0, v, 1.0 + 1e-6); // within [-1, 1]
        }
    }

    @Test
    void rawAndFramedTensorsAreAcceptedWhenTheShapeFits() {
        float[] values = new float[28 * 28];
        values[7] = 0.5f;
        Activation raw = grey.decode(InputDecoder.RAW_FP32, TensorData.fp32Bytes(values), 0);
        assertArrayEquals(values, raw.values());
        assertArrayEquals(new int[] {1, 1, 28, 28}, raw.shape());
        assertThrows(IllegalArgumentException.class,
                () -> grey.decode(InputDecoder.RAW_FP32, TensorData.fp32Bytes(new float[10]), 0));
        assertThrows(IllegalArgumentException.class, () -> grey.decode("text/plain", new byte[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> grey.decode("image/png", new byte[] {1, 2, 3}, 0));
        assertEquals(WireDtype.FP32, WireDtype.parse("fp32"));
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }
}
