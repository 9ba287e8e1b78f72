package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.WireDtype;

import java.util.List;

/**
 * A network's split points as shapes: index 0 is the input, index l (1..L) the layer whose output a split at l
 * ships. Drives tensor sizes, the interpolation between calibrated split points and the cost of networks the paper
 * did not measure.
 */
public record NetworkShape(String model, WireDtype wireDtype, List<LayerShape> layers) {

    /** Bytes of metadata {@code tf.io.serialize_tensor} adds; the paper's tensor sizes include it. */
    static final double SERIALIZE_OVERHEAD_KB = 25.0 / 1024;
    /** Elements of the paper's 224x224 RGB input, the reference for per-image overheads. */
    static final double REFERENCE_INPUT_ELEMENTS = 3 * 224 * 224;

    public NetworkShape {
        layers = List.copyOf(layers);
    }

    public int lastLayer() {
        return layers.size() - 1;
    }

    public LayerShape layer(int l) {
        return layers.get(l);
    }

    /**
     * What a split at {@code layer} sends to the cloud, in KB as the paper reports it: the float32 input at 0,
     * the wire dtype's bytes per element of layer l's output in between, nothing for edge-only.
     */
    public double tensorKb(int layer) {
        if (layer >= lastLayer()) {
            return 0;
        }
        int bytesPerElement = layer == 0 ? 4 : wireDtype.bytesPerElement();
        return layers.get(layer).outElements() * (double) bytesPerElement / 1024 + SERIALIZE_OVERHEAD_KB;
    }

    /** KB of layer l's output on the edge accelerator (int8), also for l = L (the logits). */
    double acceleratorOutputKb(int layer) {
        return layers.get(layer).outElements() / 1024.0;
    }

    /** Sum of MACs (millions) of layers 1..l: the head. */
    double headMacsM(int layer) {
        double s = 0;
        for (int i = 1; i <= layer; i++) {
            s += layers.get(i).macsM();
        }
        return s;
    }

    /** MACs of layers 1..l weighted by their CPU inefficiency. */
    double headCpuWorkM(int layer) {
        double s = 0;
        for (int i = 1; i <= layer; i++) {
            s += layers.get(i).macsM() * layers.get(i).cpuFactor();
        }
        return s;
    }

    double headWeightsM(int layer) {
        double s = 0;
        for (int i = 1; i <= layer; i++) {
            s += layers.get(i).weightsM();
        }
        return s;
    }

    double totalMacsM() {
        return headMacsM(lastLayer());
    }

    /** Per-image overheads (pre-processing, serving calls) scale with the input's size relative to 224x224x3. */
    double inputScale() {
        return layers.get(0).outElements() / REFERENCE_INPUT_ELEMENTS;
    }

    /**
     * A monotone coordinate along the network, used to interpolate calibrated costs between split points:
     * cumulative CPU work, plus a small per-layer share so that layers without MACs still advance it.
     */
    double position(int layer) {
        double perLayer = 0.002 * headCpuWorkM(lastLayer());
        return headCpuWorkM(layer) + perLayer * layer;
    }
}
