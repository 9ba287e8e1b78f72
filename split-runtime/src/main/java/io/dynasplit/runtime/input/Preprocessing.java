package io.dynasplit.runtime.input;

/**
 * How 8-bit pixels become network input, channel-first. CAFFE and TF follow Keras' {@code preprocess_input}
 * modes used by the paper (VGG16/ResNet50: caffe; ViT/MobileNetV2: tf).
 */
public enum Preprocessing {
    /** BGR order, ImageNet channel means subtracted, no scaling. */
    CAFFE(3) {
        private static final float[] MEAN_BGR = {103.939f, 116.779f, 123.68f};

        @Override
        public float value(int channel, int r, int g, int b) {
            int v = channel == 0 ? b : (channel == 1 ? g : r);
            return v - MEAN_BGR[channel];
        }
    },
    /** RGB scaled to [-1, 1]. */
    TF(3) {
        @Override
        public float value(int channel, int r, int g, int b) {
            int v = channel == 0 ? r : (channel == 1 ? g : b);
            return v / 127.5f - 1f;
        }
    },
    /** RGB scaled to [0, 1]: the default for an imported network with three input channels. */
    RGB_UNIT(3) {
        @Override
        public float value(int channel, int r, int g, int b) {
            int v = channel == 0 ? r : (channel == 1 ? g : b);
            return v / 255f;
        }
    },
    /** One grey channel scaled to [0, 1] (Fashion-MNIST). */
    GREY_UNIT(1) {
        @Override
        public float value(int channel, int r, int g, int b) {
            return grey(r, g, b) / 255f;
        }
    };

    private final int channels;

    Preprocessing(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }

    /** The input value of {@code channel} for a pixel with these 8-bit components. */
    public abstract float value(int channel, int r, int g, int b);

    static int grey(int r, int g, int b) {
        return Math.round(0.299f * r + 0.587f * g + 0.114f * b);
    }
}
