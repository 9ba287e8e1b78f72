package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.Models;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkShapesTest {

    @Test
    void everyShapeHasItsDescriptorsSplitPoints() {
        for (NetworkShape s : NetworkShapes.all()) {
            assertTrue(NetworkShapes.mismatch(s).isEmpty(), NetworkShapes.mismatch(s).orElse(""));
            assertEquals(Models.require(s.model()).lastLayer(), s.lastLayer());
        }
    }

    @Test
    void vgg16TensorsAreThePapersSizes() {
        NetworkShape vgg = NetworkShapes.require("vgg16");
        double[] kb = {588, 3136, 3136, 784, 1568, 1568, 392, 784, 784, 784, 196, 392, 392, 392, 98, 98, 98, 98,
                24.5, 24.5, 4, 4, 0};
        for (int l = 0; l <= 22; l++) {
            assertEquals(kb[l], vgg.tensorKb(l), 0.05, "l=" + l);
        }
        assertEquals(15_470, vgg.totalMacsM(), 100, "VGG16 ~15.5 GMACs");
    }

    @Test
    void vitTensorsAndWork() {
        NetworkShape vit = NetworkShapes.require("vit-b16");
        assertEquals(588, vit.tensorKb(1), 0.05);
        assertEquals(591, vit.tensorKb(10), 0.05);
        assertEquals(3, vit.tensorKb(18), 0.05);
        assertEquals(17_560, vit.totalMacsM(), 300, "ViT-B/16 ~17.6 GMACs");
    }

    @Test
    void zooNetworksHaveTheirKnownSize() {
        assertEquals(4_090, NetworkShapes.require("resnet50").totalMacsM(), 150, "ResNet-50 ~4.1 GMACs");
        assertEquals(300, NetworkShapes.require("mobilenetv2").totalMacsM(), 40, "MobileNetV2 ~0.3 GMACs");
        assertTrue(NetworkShapes.require("fmnist-cnn").totalMacsM() < 50);
    }
}
