package io.dynasplit.testbed.cli;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.emulated.PaperTestbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestbedCommandTest {

    record Outcome(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TestbedCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void predictAllPrintsTheExactHeaderAndEveryConfiguration() {
        Outcome o = run("predict", "--model", "vgg16", "--all");
        assertEquals(0, o.exit(), o.err());
        assertEquals("layer,cpu_mhz,edge_accelerator,cloud_gpu,latency_ms,energy_j,edge_latency_ms,transfer_ms,"
                + "cloud_latency_ms,edge_energy_j,cloud_energy_j,tensor_kb", o.lines().get(0));
        assertEquals(1 + 917, o.lines().size());
        assertEquals(1 + 273, run("predict", "--model", "vit-b16", "--all").lines().size());
    }

    @Test
    void predictOneConfigurationMatchesTheModel() {
        Outcome o = run("predict", "--model", "vgg16", "--config", "17,1600,max,true", "--config", "22,800,std,false");
        assertEquals(0, o.exit(), o.err());
        String[] f = o.lines().get(1).split(",");
        assertEquals(List.of("17", "1600", "max", "true"), List.of(f[0], f[1], f[2], f[3]));
        double latency = new PaperTestbed().predict(new SplitConfig("vgg16", 17, 1600, AcceleratorMode.MAX, true)).latencyMs();
        assertEquals(latency, Double.parseDouble(f[4]), 1e-4);
        double sum = Double.parseDouble(f[6]) + Double.parseDouble(f[7]) + Double.parseDouble(f[8]);
        assertEquals(Double.parseDouble(f[4]), sum, 1e-3, "latency = edge + transfer + cloud");
        assertEquals(Double.parseDouble(f[5]), Double.parseDouble(f[9]) + Double.parseDouble(f[10]), 1e-3);
        assertTrue(o.lines().get(2).startsWith("22,800,std,false,"));
    }

    @Test
    void gpuMarginalAccountingIsAnOption() {
        String node = run("predict", "--model", "vgg16", "--config", "0,1800,off,true").lines().get(1);
        String gpu = run("predict", "--model", "vgg16", "--config", "0,1800,off,true", "--accounting", "gpu-marginal")
                .lines().get(1);
        assertTrue(Double.parseDouble(gpu.split(",")[10]) < Double.parseDouble(node.split(",")[10]) / 5);
    }

    @Test
    void badConfigurationsAreRejectedWithTheReason() {
        assertRejected("wrong number of fields", "layer,cpu_mhz,accelerator,gpu", "--config", "1,1800,off");
        assertRejected("not a number", "layer must be an integer", "--config", "x,1800,off,true");
        assertRejected("unknown mode", "off|std|max", "--config", "3,1800,turbo,true");
        assertRejected("gpu flag", "true|false", "--config", "3,1800,off,maybe");
        assertRejected("frequency", "700 MHz is not one of", "--config", "3,700,off,true");
        assertRejected("past L", "past the last split point", "--config", "30,1800,off,true");
        Outcome vit = run("predict", "--model", "vit-b16", "--config", "3,1600,max,true");
        assertEquals(2, vit.exit());
        assertTrue(vit.err().contains("cannot run on the edge accelerator"), vit.err());
        Outcome neither = run("predict", "--model", "vgg16");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("--all") && neither.err().contains("--config"), neither.err());
        Outcome model = run("predict", "--model", "alexnet", "--all");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("unknown model"), model.err());
    }

    private static void assertRejected(String what, String message, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "predict";
        full[1] = "--model";
        full[2] = "vgg16";
        System.arraycopy(args, 0, full, 3, args.length);
        Outcome o = run(full);
        assertEquals(2, o.exit(), what);
        assertTrue(o.err().contains(message), what + ": " + o.err());
        assertEquals("", o.out(), what + ": no CSV on error");
    }

    @Test
    void calibrateWritesTheReport(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("docs/calibration.md");
        Outcome o = run("calibrate", "--out", report.toString(), "--folds", "2");
        assertEquals(0, o.exit(), o.err() + o.out());
        String md = Files.readString(report);
        for (String section : List.of("## Summary", "## Cross-validation", "## Worst rows", "## The paper's figures",
                "## Every row", "vgg16/l=22/800MHz/off/cpu")) {
            assertTrue(md.contains(section), section);
        }
        assertEquals(559, md.lines().filter(l -> l.matches("\\| (vgg16|vit-b16)/l=\\d+/\\d+MHz/\\w+/\\w+ \\| \\d+ \\|.*")).count(),
                "every measured row is compared");
        assertTrue(o.out().contains("goal met"), o.out());
    }

    @Test
    void hardwareReportsOneLinePerKnobAndMeter() {
        Outcome o = run("hardware", "--hardware", "emulated");
        assertEquals(0, o.exit(), o.err());
        assertEquals(5, o.lines().size(), o.out());
        assertTrue(o.lines().stream().allMatch(l -> l.contains("emulated:")), o.out());
    }
}
