package io.dynasplit.servicekit.metrics;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.WireDtype;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PipelineMetricsModelTagTest {

    @Test
    void knownModelsAreTheirOwnLabelAndAnyOtherNameIsOne() {
        assertEquals("vgg16", PipelineMetrics.modelTag("vgg16"));
        assertEquals(PipelineMetrics.OTHER_MODEL, PipelineMetrics.modelTag("forged-" + System.nanoTime()));
        assertEquals(PipelineMetrics.OTHER_MODEL, PipelineMetrics.modelTag(null));
        Models.register(new ModelDescriptor("imported-net", 3, false, WireDtype.FP32, List.of(3, 8, 8), 4));
        try {
            assertEquals("imported-net", PipelineMetrics.modelTag("imported-net"));
        } finally {
            Models.unregister("imported-net");
        }
    }
}
