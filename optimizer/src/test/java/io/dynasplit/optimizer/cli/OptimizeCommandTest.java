package io.dynasplit.optimizer.cli;

import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.optimizer.FakeTestbed;
import io.dynasplit.optimizer.store.ParetoStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizeCommandTest {
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new OptimizeCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesTheFrontAndReportsEvaluationsFrontSizeHypervolumeAndTime(@TempDir Path dir) {
        Path file = dir.resolve("front.json");
        Run r = run("--model", "vgg16", "--testbed", FakeTestbed.class.getName(), "--budget", "0.2", "--seed", "7",
                "--out", file.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        ParetoFront front = ParetoStore.read(file);
        assertEquals("vgg16", front.model());
        assertTrue(r.out().contains("evaluations " + front.provenance().evaluations()), r.out());
        assertTrue(r.out().contains("front size " + front.entries().size()), r.out());
        assertTrue(r.out().contains("figures from " + front.provenance().hardwareIdentity()), r.out());
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "hypervolume ratio %.4f", front.provenance().hypervolumeRatio())), r.out());
        assertTrue(r.out().contains("time "), r.out());
    }

    @Test
    void exhaustiveModeEvaluatesTheWholeSpace(@TempDir Path dir) {
        Path file = dir.resolve("front.json");
        Run r = run("--model", "vit-b16", "--testbed", FakeTestbed.class.getName(), "--exhaustive", "--out", file.toString(),
                "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        ParetoFront front = ParetoStore.read(file);
        assertEquals(front.provenance().spaceSize(), front.provenance().evaluations());
        assertEquals(1.0, front.provenance().hypervolumeRatio(), 1e-12);
    }

    @Test
    void publishesToTheParetoTopic(@TempDir Path dir) {
        String bootstrap = io.dynasplit.optimizer.kafka.SharedKafka.get().bootstrapServers();
        Run r = run("--model", "vit-b16", "--testbed", FakeTestbed.class.getName(), "--budget", "12", "--out",
                dir.resolve("f.json").toString(), "--publish", "--bootstrap-servers", bootstrap, "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        ParetoFront front = ParetoStore.read(dir.resolve("f.json"));
        assertTrue(r.out().contains("published to dynasplit.pareto key vit-b16@fake-board version " + front.version()), r.out());
    }

    @Test
    void explainsBadInput() {
        Run unknownModel = run("--model", "alexnet", "--testbed", FakeTestbed.class.getName());
        assertEquals(1, unknownModel.exitCode());
        assertTrue(unknownModel.err().contains("unknown model 'alexnet'"), unknownModel.err());
        Run badBudget = run("--model", "vgg16", "--budget", "lots");
        assertTrue(badBudget.exitCode() != 0);
        assertTrue(badBudget.err().contains("budget"), badBudget.err());
        Run unknownTestbed = run("--model", "vgg16", "--testbed", "mars");
        assertEquals(1, unknownTestbed.exitCode());
        assertTrue(unknownTestbed.err().contains("unknown testbed 'mars'"), unknownTestbed.err());
    }
}
