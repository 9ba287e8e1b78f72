package io.dynasplit.runtime;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.SplitTensor;
import io.dynasplit.contracts.SplitTensorCodec;
import io.dynasplit.contracts.WireDtype;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every catalog network and every split point: head, then the fp32 wire frame, then tail gives the full
 * forward pass. One input per network, one build per network (the big ones take seconds per forward on 2 cores).
 */
class SplitEqualityTest {

    @ParameterizedTest
    @ValueSource(strings = {"fmnist-cnn", "mobilenetv2", "resnet50", "vit-b16", "vgg16"})
    void headThenTailThroughTheWireEqualsTheFullForwardPass(String name) {
        try (ModelCatalog catalog = new ModelCatalog(WeightsLocator.none())) {
            SplitModel model = catalog.get(name);
            assertEquals(model.descriptor().lastLayer(), model.lastLayer());
            Activation x = model.inputFor(null, null, 11);
            Activation full = model.forward(x);
            assertEquals(List.of(1, model.descriptor().classes()), full.shapeList());

            Activation head = x;
            for (int l = 0; l <= model.lastLayer(); l++) {
                // walk the heads one layer at a time (head(l) = layers(0, l)); head() itself is checked below
                head = l == 0 ? model.head(0, x) : model.layers(l - 1, l, head);
                assertEquals(model.splitPoint(l).shape(), head.shapeList(), name + " shape at l=" + l);
                Activation received = Activation.fromSplitTensor(
                        SplitTensorCodec.decode(SplitTensorCodec.encode(frame(name, l, head))));
                Activation logits = model.tail(l, received);
                float diff = logits.maxAbsDiff(full);
                assertTrue(diff <= 1e-5f, name + " l=" + l + ": max abs diff " + diff);
            }
            int mid = model.lastLayer() / 2;
            assertEquals(model.layers(0, mid, x), model.head(mid, x), "head(l) is layers [0, l)");
            assertEquals(full, model.head(model.lastLayer(), x), "head(L) is the whole network");
            assertEquals(x, model.head(0, x), "head(0) is the identity");
        }
    }

    private static SplitTensor frame(String model, int layer, Activation a) {
        var encoded = a.encode(WireDtype.FP32);
        return new SplitTensor(SplitTensor.SCHEMA_VERSION, "req-" + layer, "edge-1", model, 1000, null, null,
                new SplitConfig(model, layer, 1800, AcceleratorMode.OFF, false), layer, WireDtype.FP32,
                encoded.scale(), encoded.zeroPoint(), a.shapeList(), null, encoded.bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fmnist-cnn", "mobilenetv2"})
    void seededWeightsAreTheSameInEveryProcess(String name) {
        Activation a;
        Activation b;
        try (ModelCatalog first = new ModelCatalog(WeightsLocator.none())) {
            SplitModel m = first.get(name);
            a = m.forward(m.inputFor(null, null, 3));
        }
        try (ModelCatalog second = new ModelCatalog(WeightsLocator.none())) {
            SplitModel m = second.get(name);
            b = m.forward(m.inputFor(null, null, 3));
        }
        assertArrayEquals(a.values(), b.values());
    }
}
