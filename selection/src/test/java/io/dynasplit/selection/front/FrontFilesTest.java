package io.dynasplit.selection.front;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.selection.files.InputFileException;
import io.dynasplit.selection.testing.Fronts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontFilesTest {
    private static final String HEADER = "layer,cpu_mhz,edge_accelerator,cloud_gpu,latency_ms,energy_j";

    private static ParetoFront csv(String text) {
        return FrontFiles.parse("front.csv", text, Models.VGG16, "paper-pi4-coral");
    }

    private static String error(String text) {
        return assertThrows(InputFileException.class, () -> csv(text)).getMessage();
    }

    @Test
    void readsACsvFrontWithOrWithoutAccuracy() {
        ParetoFront front = csv(HEADER + ",accuracy\n0,1800,off,true,96.1,68.57,0.605\n22, 800, std, false, 442, 2.17, 0.603\n");
        assertEquals(2, front.entries().size());
        assertEquals("vgg16", front.model());
        assertEquals("paper-pi4-coral", front.deviceClass());
        var edge = front.entries().get(1);
        assertEquals(22, edge.config().layer());
        assertEquals(AcceleratorMode.STD, edge.config().edgeAccelerator());
        assertFalse(edge.config().cloudGpu());
        assertEquals(0.603, edge.accuracy());

        ParetoFront noAccuracy = csv("energy_j,latency_ms,cloud_gpu,edge_accelerator,cpu_mhz,layer\n68.57,96.1,TRUE,OFF,1800,0\n");
        assertTrue(Double.isNaN(noAccuracy.entries().get(0).accuracy()));
        assertEquals(96.1, noAccuracy.entries().get(0).latencyMs());
    }

    @Test
    void canonicalisesTheGpuFlagOfEdgeOnlyRows() {
        assertFalse(csv(HEADER + "\n22,1800,max,true,426,2.42\n").entries().get(0).config().cloudGpu());
    }

    @Test
    void csvErrorsNameTheRowAndTheProblem() {
        assertContains(error("layer,cpu_mhz,latency_ms,energy_j\n0,1800,96,68\n"), "missing columns 'edge_accelerator', 'cloud_gpu'");
        assertContains(error(HEADER + "\n0,1800,off,true,fast,68\n"), "data row 1: latency_ms is not a number: 'fast'");
        assertContains(error(HEADER + "\n0,1800,off,true,96,68\n3,1800,turbo,true,120,60\n"), "data row 2");
        assertContains(error(HEADER + "\n0,1800,max,true,96,68\n"), "accelerator must be off at layer 0");
        assertContains(error(HEADER + "\n23,1800,off,true,96,68\n"), "past the last split point");
        assertContains(error(HEADER + "\n0,1800,off,maybe,96,68\n"), "cloud_gpu must be true or false");
        assertContains(error(HEADER + "\n0,1800,off,true,-1,68\n"), "latency_ms must be a finite number > 0");
        assertContains(error(HEADER + "\n0,1800,off,true,96,68\n0,1800,off,true,97,69\n"), "repeats data row 1");
        assertContains(error(HEADER + "\n"), "no data rows");
        assertContains(error(HEADER + "\n0,1800,off,true,,68\n"), "empty latency_ms");
    }

    @Test
    void acceleratorRowsAreRefusedForAModelWithoutOne() {
        var e = assertThrows(InputFileException.class, () -> FrontFiles.parse("vit.csv",
                HEADER + "\n3,1800,std,true,140,90\n", Models.VIT_B16, "x"));
        assertTrue(e.getMessage().contains("cannot run on the edge accelerator"), e.getMessage());
    }

    @Test
    void readsTheParetoStoreJson(@TempDir Path dir) throws Exception {
        ParetoFront original = Fronts.of(Fronts.entry(0, 1800, AcceleratorMode.OFF, true, 96.1, 68.57, 0.605),
                Fronts.entry(22, 800, AcceleratorMode.STD, false, 442, 2.17, 0.603));
        Path file = dir.resolve("front.json");
        Files.write(file, Json.write(original));
        assertEquals(original, FrontFiles.read(file, Models.VGG16, "ignored-for-json"));

        var wrongModel = assertThrows(InputFileException.class, () -> FrontFiles.read(file, Models.VIT_B16, "x"));
        assertTrue(wrongModel.getMessage().contains("for model 'vgg16'"));
        Files.writeString(file, "{\"model\": ");
        assertThrows(InputFileException.class, () -> FrontFiles.read(file, Models.VGG16, "x"));
        assertThrows(InputFileException.class, () -> FrontFiles.read(dir.resolve("missing.csv"), Models.VGG16, "x"));
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }
}
