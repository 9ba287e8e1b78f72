package io.dynasplit.runtime.cli;

import io.dynasplit.onnx.importer.ModelAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportOnnxCommandTest {

    @Test
    void writesAnOnnxFileTheImporterReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("models/fmnist-cnn.onnx");
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = new CommandLine(new RuntimeCommand()).execute("export-onnx", "--model", "fmnist-cnn",
                    "--out", file.toString());
        } finally {
            System.setOut(original);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("pixel") || out.contains("/ 255"), out);
        assertTrue(out.contains("block1_pool    -> block1_pool"), out);
        ModelAnalysis analysis = ModelAnalysis.of(Files.readAllBytes(file));
        assertEquals(10, analysis.classes());
        assertEquals(21, analysis.splitPoints().size());
    }
}
