package io.dynasplit.contracts;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConfigurationSpaceTest {
    static final List<Integer> PI4 = List.of(600, 800, 1000, 1200, 1400, 1600, 1800);

    @Test
    void validSpaceSizesMatchThePaper() {
        assertEquals(917, ConfigurationSpace.enumerate(Models.VGG16, PI4).size());
        assertEquals(273, ConfigurationSpace.enumerate(Models.VIT_B16, PI4).size());
    }

    @Test
    void everyEnumeratedConfigIsValidCanonicalAndDistinct() {
        List<SplitConfig> all = ConfigurationSpace.enumerate(Models.VGG16, PI4);
        assertEquals(all.size(), new HashSet<>(all).size());
        for (SplitConfig c : all) {
            assertTrue(Models.VGG16.validate(c).isEmpty(), c.label());
            assertEquals(c, Models.VGG16.canonical(c));
        }
    }

    @Test
    void paperValidityRules() {
        assertTrue(Models.VGG16.validate(new SplitConfig("vgg16", 0, 1800, AcceleratorMode.STD, true)).isPresent());
        assertTrue(Models.VIT_B16.validate(new SplitConfig("vit-b16", 5, 1800, AcceleratorMode.MAX, true)).isPresent());
        assertTrue(Models.VGG16.validate(new SplitConfig("vgg16", 23, 1800, AcceleratorMode.OFF, false)).isPresent());
        assertTrue(Models.VGG16.validate(new SplitConfig("vit-b16", 3, 1800, AcceleratorMode.OFF, false)).isPresent());
        assertFalse(Models.VGG16.validate(new SplitConfig("vgg16", 22, 1800, AcceleratorMode.MAX, true)).isPresent());
        // edge-only: the GPU flag is meaningless and canonicalised away
        SplitConfig edgeOnly = Models.VGG16.requireValid(new SplitConfig("vgg16", 22, 1800, AcceleratorMode.MAX, true));
        assertFalse(edgeOnly.cloudGpu());
        assertEquals(Placement.EDGE, Models.VGG16.placement(edgeOnly));
        assertEquals(Placement.CLOUD, Models.VGG16.placement(new SplitConfig("vgg16", 0, 600, AcceleratorMode.OFF, true)));
        assertThrows(IllegalArgumentException.class, () -> new SplitConfig("vgg16", -1, 1800, AcceleratorMode.OFF, true));
    }

    @Test
    void reconfigurationOnlyWhenEdgeKnobsChange() {
        SplitConfig a = new SplitConfig("vgg16", 3, 1800, AcceleratorMode.MAX, true);
        assertFalse(new SplitConfig("vgg16", 17, 1800, AcceleratorMode.MAX, false).needsEdgeReconfiguration(a));
        assertTrue(new SplitConfig("vgg16", 3, 1600, AcceleratorMode.MAX, true).needsEdgeReconfiguration(a));
        assertTrue(new SplitConfig("vgg16", 3, 1800, AcceleratorMode.STD, true).needsEdgeReconfiguration(a));
        assertTrue(a.needsEdgeReconfiguration(null));
    }

    @Test
    void layerZeroLeavesTheEdgeKnobsAlone() {
        SplitConfig split = new SplitConfig("vgg16", 17, 800, AcceleratorMode.STD, true);
        SplitConfig cloudOnly = new SplitConfig("vgg16", 0, 1800, AcceleratorMode.OFF, true);
        assertFalse(cloudOnly.needsEdgeReconfiguration(split), "nothing runs on the edge: no switch");
        assertFalse(cloudOnly.needsEdgeReconfiguration(null), "not even from unknown knobs");
        assertSame(split, cloudOnly.edgeKnobsAfter(split), "the edge keeps the split's knobs");
        assertNull(cloudOnly.edgeKnobsAfter(null));
        assertSame(split, split.edgeKnobsAfter(cloudOnly));
        assertFalse(split.needsEdgeReconfiguration(cloudOnly.edgeKnobsAfter(split)));
    }

    @Test
    void deviceTopicsAreSafeNames() {
        assertEquals("dynasplit.edge.pi-a.commands", Topics.edgeCommands("pi-a"));
        assertThrows(IllegalArgumentException.class, () -> Topics.edgeCommands("pi a"));
        assertThrows(IllegalArgumentException.class, () -> Topics.edgeCommands("../x"));
        assertThrows(IllegalArgumentException.class, () -> Topics.edgeCommands(null));
        assertEquals(Optional.of("pi-a"), Topics.edgeDeviceOf(Topics.edgeCommands("pi-a")));
        assertTrue(Topics.edgeDeviceOf("dynasplit.edge.edge.x.commands").isEmpty(), "a dot is in no device id");
        assertTrue(Topics.edgeDeviceOf(Topics.RESULTS).isEmpty());
        assertTrue(Topics.edgeDeviceOf("dynasplit.edge..commands").isEmpty());
        assertTrue(Topics.spec(Topics.CLOUD_TENSORS).maxMessageBytes() > 64 * 224 * 224 * 4,
                "the tensor topic must hold VGG16's largest fp32 tensor");
    }
}
