package io.dynasplit.contracts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsRegistryTest {
    private static final ModelDescriptor IMPORTED =
            new ModelDescriptor("my-net", 7, false, WireDtype.FP32, List.of(3, 32, 32), 10);

    @AfterEach
    void forget() {
        Models.unregister("my-net");
    }

    @Test
    void anImportedModelIsFoundLikeABuiltInOneAndCanBeReplacedAndForgotten() {
        assertTrue(Models.find("my-net").isEmpty());
        Models.register(IMPORTED);
        assertEquals(IMPORTED, Models.require("my-net"));
        assertTrue(Models.all().contains(IMPORTED));
        assertFalse(Models.builtIn().contains(IMPORTED));
        ModelDescriptor reimported = new ModelDescriptor("my-net", 9, false, WireDtype.INT8, List.of(3, 32, 32), 10);
        Models.register(reimported);
        assertEquals(9, Models.require("my-net").lastLayer());
        Models.unregister("my-net");
        assertTrue(Models.find("my-net").isEmpty());
    }

    @Test
    void aBuiltInNameCannotBeTakenOrForgotten() {
        ModelDescriptor impostor = new ModelDescriptor("vgg16", 3, false, WireDtype.FP32, List.of(3, 224, 224), 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.register(impostor));
        assertTrue(e.getMessage().contains("built-in"), e.getMessage());
        Models.unregister("vgg16");
        assertEquals(Models.VGG16, Models.require("vgg16"));
    }

    @Test
    void aSourceIsAskedOnEveryMissAndCannotShadowABuiltIn() {
        java.util.concurrent.atomic.AtomicReference<ModelDescriptor> current = new java.util.concurrent.atomic.AtomicReference<>(IMPORTED);
        java.util.function.Function<String, java.util.Optional<ModelDescriptor>> source =
                name -> java.util.Optional.ofNullable(current.get()).filter(d -> d.name().equals(name));
        Models.addSource(source);
        try {
            assertEquals(7, Models.require("my-net").lastLayer());
            current.set(new ModelDescriptor("my-net", 4, false, WireDtype.FP32, List.of(3, 32, 32), 10));
            assertEquals(4, Models.require("my-net").lastLayer(), "a re-import is seen at once");
            current.set(new ModelDescriptor("vgg16", 2, false, WireDtype.FP32, List.of(3, 224, 224), 1000));
            assertEquals(Models.VGG16, Models.require("vgg16"));
            current.set(null);
            assertTrue(Models.find("my-net").isEmpty());
        } finally {
            Models.removeSource(source);
        }
    }
}
