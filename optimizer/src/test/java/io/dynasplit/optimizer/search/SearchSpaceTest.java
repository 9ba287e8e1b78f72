package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceTest {
    private static final List<Integer> PAPER_MHZ = List.of(600, 800, 1000, 1200, 1400, 1600, 1800);

    @Test
    void spaceSizesAreThePapers() {
        assertEquals(917, SearchSpace.of(Models.VGG16, PAPER_MHZ).size());
        assertEquals(273, SearchSpace.of(Models.VIT_B16, PAPER_MHZ).size());
    }

    @Test
    void everyRawKnobCombinationDecodesToAValidCanonicalConfigurationAndCoversTheSpace() {
        SearchSpace space = SearchSpace.of(Models.VGG16, PAPER_MHZ);
        Set<SplitConfig> decoded = new HashSet<>();
        for (int layer = 0; layer <= space.lastLayer(); layer++) {
            for (int f = 0; f < PAPER_MHZ.size(); f++) {
                for (int m = 0; m < space.acceleratorModes().size(); m++) {
                    for (boolean gpu : new boolean[] {false, true}) {
                        SplitConfig c = space.decode(layer, f, m, gpu);
                        assertTrue(Models.VGG16.validate(c).isEmpty(), c.label());
                        assertEquals(Models.VGG16.canonical(c), c, c.label());
                        decoded.add(c);
                    }
                }
            }
        }
        assertEquals(new HashSet<>(space.configurations()), decoded);
    }

    @Test
    void repairKeepsTheKnobsThatMatterAndDropsTheOnesThatDoNot() {
        SearchSpace space = SearchSpace.of(Models.VGG16, PAPER_MHZ);
        int max = space.acceleratorModes().indexOf(AcceleratorMode.MAX);
        assertEquals(new SplitConfig("vgg16", 0, 1000, AcceleratorMode.OFF, true), space.decode(0, 2, max, true));
        assertEquals(new SplitConfig("vgg16", 22, 1800, AcceleratorMode.MAX, false), space.decode(22, 6, max, true));
        assertEquals(new SplitConfig("vgg16", 7, 600, AcceleratorMode.MAX, true), space.decode(7, 0, max, true));
    }

    @Test
    void modelsWithoutAcceleratorSupportSearchOnlyAcceleratorOff() {
        assertEquals(List.of(AcceleratorMode.OFF), SearchSpace.of(Models.VIT_B16, PAPER_MHZ).acceleratorModes());
    }

    @Test
    void cornersAreEdgeOnlyInEveryModeAtTopFrequencyAndCloudOnlyWithAndWithoutGpu() {
        assertEquals(List.of(
                new SplitConfig("vgg16", 22, 1800, AcceleratorMode.OFF, false),
                new SplitConfig("vgg16", 22, 1800, AcceleratorMode.STD, false),
                new SplitConfig("vgg16", 22, 1800, AcceleratorMode.MAX, false),
                new SplitConfig("vgg16", 0, 1800, AcceleratorMode.OFF, false),
                new SplitConfig("vgg16", 0, 1800, AcceleratorMode.OFF, true)), SearchSpace.of(Models.VGG16, PAPER_MHZ).corners());
        assertEquals(List.of(
                new SplitConfig("vit-b16", 19, 1800, AcceleratorMode.OFF, false),
                new SplitConfig("vit-b16", 0, 1800, AcceleratorMode.OFF, false),
                new SplitConfig("vit-b16", 0, 1800, AcceleratorMode.OFF, true)), SearchSpace.of(Models.VIT_B16, PAPER_MHZ).corners());
    }
}
