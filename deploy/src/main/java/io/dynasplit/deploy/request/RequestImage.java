package io.dynasplit.deploy.request;

import io.dynasplit.contracts.Topics;
import io.dynasplit.deploy.inputs.PngTestImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The input a request carries: an image file given on the command line, or a shipped Fashion-MNIST test image. */
record RequestImage(String mediaType, byte[] bytes, String description) {
    /** Base64 in JSON grows the bytes by a third; the rest of the request is small. */
    static final int MAX_BYTES = Topics.MAX_REQUEST_MESSAGE_BYTES / 4 * 3 - 4096;

    static RequestImage testImage(PngTestImages images, int index) {
        int i = index % images.size();
        return new RequestImage(PngTestImages.MEDIA_TYPE, images.png(i),
                "Fashion-MNIST test image " + i + " (" + images.label(i) + ")");
    }

    /** A PNG or JPEG file, recognised by its first bytes; anything else is refused with the reason. */
    static RequestImage file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--image " + file + ": no such file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("--image " + file + ": " + Files.size(file) + " bytes; a request"
                        + " carries at most " + MAX_BYTES + " bytes of image (the requests topic's message limit)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--image " + file + ": cannot read it: " + e.getMessage(), e);
        }
        String mediaType = mediaType(bytes);
        if (mediaType == null) {
            throw new IllegalArgumentException("--image " + file + ": not a PNG or JPEG image (the edge decodes those)");
        }
        return new RequestImage(mediaType, bytes, file.getFileName().toString());
    }

    private static String mediaType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return null;
    }
}
