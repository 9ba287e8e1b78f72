package io.dynasplit.deploy.onnx;

import io.dynasplit.contracts.Models;
import io.dynasplit.deploy.DynasplitCli;
import io.dynasplit.onnx.store.ModelsDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline commands take an imported model like a built-in one: import, show, optimize and simulate on the paper testbed. */
class ImportedModelCommandsTest {
    @TempDir
    Path work;

    @AfterEach
    void clear() {
        System.clearProperty(ModelsDirectory.PROPERTY);
    }

    @Test
    void importThenOptimizeAndSimulateOnThePaperTestbed() {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        Path graph = home.resolve(".cache/onnx-zoo/light_inception_v1.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(graph), graph + " missing: run .ci/fetch-onnx-zoo");
        System.setProperty(ModelsDirectory.PROPERTY, work.resolve("models").toString());

        String imported = run("model", "import", graph.toString(), "--name", "inception-cli");
        assertTrue(imported.contains("27 split points"), imported);
        String shown = run("model", "show", "inception-cli");
        assertTrue(shown.contains("input data_0 [3, 224, 224]"), shown);

        Path front = work.resolve("front.json");
        String optimized = run("optimize", "--model", "inception-cli", "--testbed", "paper", "--exhaustive",
                "--out", front.toString());
        assertTrue(optimized.contains("front size"), optimized);
        String simulated = run("simulate", "--model", "inception-cli", "--testbed", "paper", "--requests", "300",
                "--seed", "1", "--print", "none", "--front", front.toString());
        assertTrue(simulated.contains("dynasplit") && simulated.contains("oracle"), simulated);
        assertTrue(Models.find("inception-cli").isPresent(), "known through the models directory");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = DynasplitCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        assertEquals(0, code, String.join(" ", args) + " failed:\n" + out);
        return out.toString();
    }
}
