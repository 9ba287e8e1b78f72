package io.dynasplit.runtime;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.WireDtype;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What crosses the wire at a split point under the paper's convention: nothing at l = L (edge-only: only the
 * label), the fp32 input at l = 0, the model's wire dtype otherwise (int8 heads for VGG16, fp32 for ViT).
 * Sizes are payload bytes; the DynaSplit frame adds its fixed header and the JSON request context.
 */
public final class WireSizes {
    /** The paper's serialised tensor sizes in KB (1024 B), per split point ([D] in paper-facts.md). */
    private static final Map<String, double[]> PAPER_KB = Map.of(
            "vgg16", new double[] {588.0, 3136.0, 3136.0, 784.0, 1568.0, 1568.0, 392.0, 784.0, 784.0, 784.0, 196.0,
                    392.0, 392.0, 392.0, 98.0, 98.0, 98.0, 98.0, 24.5, 24.5, 4.0, 4.0, 0.0},
            "vit-b16", new double[] {588.0, 588.0, 591.0, 591.0, 591.0, 591.0, 591.0, 591.0, 591.0, 591.0, 591.0,
                    591.0, 591.0, 591.0, 591.0, 591.0, 591.0, 591.0, 3.0, 0.0});

    private WireSizes() {
    }

    public static WireDtype paperDtype(ModelDescriptor model, int layer) {
        return layer == 0 ? WireDtype.FP32 : model.wireDtype();
    }

    /** Payload bytes shipped at {@code point} in {@code dtype}; 0 at l = L (nothing is shipped). */
    public static long shippedBytes(ModelDescriptor model, SplitPoint point, WireDtype dtype) {
        return point.layer() >= model.lastLayer() ? 0 : point.bytes(dtype);
    }

    /** The paper's figure for this split point, when it reports one (vgg16, vit-b16). */
    public static OptionalDouble paperKb(String model, int layer) {
        double[] kb = PAPER_KB.get(model);
        return kb == null || layer >= kb.length ? OptionalDouble.empty() : OptionalDouble.of(kb[layer]);
    }
}
