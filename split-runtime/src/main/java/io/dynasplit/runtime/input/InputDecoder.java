package io.dynasplit.runtime.input;

import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.runtime.Activation;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * Turns a request payload into a network input (batch 1, channel-first): PNG/JPEG images (resized with padding to
 * the input size, as the paper's {@code resize_with_pad}, then preprocessed), a DynaSplit tensor frame, raw
 * little-endian fp32, or a deterministic synthetic image from a seed.
 */
public final class InputDecoder {
    public static final String RAW_FP32 = "application/octet-stream";
    /** Largest image accepted: 64 megapixels (8192 x 8192), far above any network input; an image bomb declares more. */
    public static final long MAX_IMAGE_PIXELS = 8192L * 8192L;

    private final Preprocessing preprocessing;
    private final int channels;
    private final int height;
    private final int width;

    /** {@code inputShape}: (C, H, W) without the batch dimension. */
    public InputDecoder(Preprocessing preprocessing, int[] inputShape) {
        if (inputShape.length != 3 || inputShape[0] != preprocessing.channels()) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(inputShape) + " does not fit "
                    + preprocessing);
        }
        this.preprocessing = preprocessing;
        this.channels = inputShape[0];
        this.height = inputShape[1];
        this.width = inputShape[2];
    }

    /** Empty or missing bytes ask for the synthetic input of {@code seed}. */
    public Activation decode(String mediaType, byte[] bytes, long seed) {
        if (bytes == null || bytes.length == 0) {
            return synthetic(seed);
        }
        String type = mediaType == null ? "" : mediaType.toLowerCase(java.util.Locale.ROOT).split(";")[0].trim();
        if (type.startsWith("image/")) {
            return image(bytes);
        }
        if (type.equals(SplitTensorCodec.MEDIA_TYPE)) {
            return checkShape(Activation.fromSplitTensor(SplitTensorCodec.decode(bytes)));
        }
        if (type.equals(RAW_FP32)) {
            float[] values = new float[bytes.length / 4];
            if (bytes.length % 4 != 0) {
                throw new IllegalArgumentException("raw fp32 input of " + bytes.length + " bytes");
            }
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return checkShape(new Activation(values, new int[] {values.length / (channels * height * width),
                    channels, height, width}));
        }
        throw new IllegalArgumentException("unsupported input media type '" + mediaType + "'; use image/png, "
                + "image/jpeg, " + SplitTensorCodec.MEDIA_TYPE + " or " + RAW_FP32);
    }

    /**
     * Decodes a PNG or JPEG. Any image that cannot be read, or that declares more than {@link #MAX_IMAGE_PIXELS}
     * (checked from its header, before its pixels are allocated), is refused with IllegalArgumentException.
     */
    public Activation image(byte[] bytes) {
        BufferedImage img;
        try {
            img = readBounded(bytes);
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw IOException and a zoo of runtime exceptions on damaged files
            throw new IllegalArgumentException("not a readable PNG/JPEG image (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException("not a readable PNG/JPEG image (" + bytes.length + " bytes)");
        }
        return fromImage(img);
    }

    private static BufferedImage readBounded(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_IMAGE_PIXELS) {
                    throw new IOException("the image declares " + reader.getWidth(0) + " x " + reader.getHeight(0)
                            + " pixels; at most " + MAX_IMAGE_PIXELS + " are accepted");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Resizes {@code img} into the input size keeping its aspect ratio (zero padding), then preprocesses. */
    public Activation fromImage(BufferedImage img) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double scale = Math.min((double) width / img.getWidth(), (double) height / img.getHeight());
        int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, (width - w) / 2, (height - h) / 2, w, h, null);
        g.dispose();
        int[] rgb = canvas.getRGB(0, 0, width, height, null, 0, width);
        return fromPixels(rgb);
    }

    /** Packed 0xRRGGBB pixels, row-major, exactly H x W of them. */
    public Activation fromPixels(int[] rgb) {
        int plane = height * width;
        float[] out = new float[channels * plane];
        for (int i = 0; i < plane; i++) {
            int r = (rgb[i] >> 16) & 0xff;
            int g = (rgb[i] >> 8) & 0xff;
            int b = rgb[i] & 0xff;
            for (int c = 0; c < channels; c++) {
                out[c * plane + i] = preprocessing.value(c, r, g, b);
            }
        }
        return new Activation(out, new int[] {1, channels, height, width});
    }

    /** A deterministic smooth colour pattern plus noise: same seed, same input, on every machine. */
    public Activation synthetic(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double fx = 1 + random.nextDouble() * 6;
        double fy = 1 + random.nextDouble() * 6;
        double phase = random.nextDouble() * Math.PI * 2;
        int[] base = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        int[] rgb = new int[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double wave = Math.sin(fx * x / width * Math.PI * 2 + phase) * Math.cos(fy * y / height * Math.PI * 2);
                int px = 0;
                for (int c = 0; c < 3; c++) {
                    int v = (int) (base[c] + 100 * wave + random.nextInt(41) - 20);
                    px = (px << 8) | Math.max(0, Math.min(255, v));
                }
                rgb[y * width + x] = px;
            }
        }
        return fromPixels(rgb);
    }

    private Activation checkShape(Activation a) {
        int[] s = a.shape();
        int[] perSample = s.length == 4 ? Arrays.copyOfRange(s, 1, 4) : s;
        if (!Arrays.equals(perSample, new int[] {channels, height, width})) {
            throw new IllegalArgumentException("input tensor shape " + Arrays.toString(s) + " does not match ["
                    + channels + ", " + height + ", " + width + "]");
        }
        return s.length == 4 ? a : new Activation(a.values(), new int[] {1, channels, height, width});
    }
}
