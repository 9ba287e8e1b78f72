package io.dynasplit.selection.simulate;

import io.dynasplit.selection.evaluation.RequestRecord;
import io.dynasplit.selection.testing.FakeTestbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) {
        SimulateCommand command = new SimulateCommand(id -> {
            if (!id.equals("fake")) {
                throw new IllegalArgumentException("unknown testbed '" + id + "'");
            }
            return new FakeTestbed(0.02);
        });
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsOneCsvLinePerRequestAndASummaryOfEveryStrategy() {
        Run r = run("--testbed", "fake", "--model", "vgg16", "--requests", "300", "--seed", "3");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        assertEquals(RequestRecord.CSV_HEADER, lines.get(0));
        assertEquals(301, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            assertEquals(9, f.length, lines.get(i));
            assertEquals(i - 1, Integer.parseInt(f[0]));
            boolean met = Boolean.parseBoolean(f[8]);
            assertEquals(Double.parseDouble(f[6]) <= Double.parseDouble(f[1]), met, lines.get(i));
        }
        for (String strategy : List.of("dynasplit", "cloud-only", "edge-only", "energy-static", "latency-static",
                "neurosurgeon", "oracle")) {
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith(strategy + " ")), strategy + " in\n" + r.err());
        }
        assertTrue(r.err().contains("300 requests, seed 3"), r.err());
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        Run a = run("--testbed", "fake", "--model", "vit-b16", "--requests", "100", "--seed", "5");
        Run b = run("--testbed", "fake", "--model", "vit-b16", "--requests", "100", "--seed", "5");
        Run c = run("--testbed", "fake", "--model", "vit-b16", "--requests", "100", "--seed", "6");
        assertEquals(a.out(), b.out());
        assertTrue(!a.out().equals(c.out()));
    }

    @Test
    void takesAGivenFrontAndThresholds(@TempDir Path dir) throws Exception {
        Path front = dir.resolve("front.csv");
        Files.writeString(front, """
                layer,cpu_mhz,edge_accelerator,cloud_gpu,latency_ms,energy_j
                0,1800,off,true,100,68
                22,1800,max,false,400,2.4
                """);
        Path thresholds = dir.resolve("t.csv");
        Files.writeString(thresholds, "threshold_ms\n50\n150\n10000\n");
        Run r = run("--testbed", "fake", "--model", "vgg16", "--front", front.toString(), "--thresholds",
                thresholds.toString(), "--reconfiguration", "exclude", "--no-feedback", "--fallback", "reject");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        assertEquals("0,50.000,,,,,,,false", lines.get(1), "nothing meets 50 ms: rejected");
        assertTrue(lines.get(2).startsWith("1,150.000,0,1800,off,true,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("2,10000.000,22,1800,max,false,"), lines.get(3));
        assertTrue(r.err().contains("front: 2 entries (file)"), r.err());
    }

    @Test
    void printsAnotherStrategyOrNone() {
        Run oracle = run("--testbed", "fake", "--model", "vgg16", "--requests", "20", "--print", "cloud-only");
        assertTrue(oracle.lines().stream().skip(1).allMatch(l -> l.split(",")[2].equals("0")), oracle.out());
        Run none = run("--testbed", "fake", "--model", "vgg16", "--requests", "20", "--print", "none");
        assertEquals("", none.out());
    }

    @Test
    void badInputsFailWithAReason(@TempDir Path dir) throws Exception {
        Path thresholds = dir.resolve("t.csv");
        Files.writeString(thresholds, "threshold_ms\n100\n-3\n");
        Run badCsv = run("--testbed", "fake", "--model", "vgg16", "--thresholds", thresholds.toString());
        assertEquals(2, badCsv.exit());
        assertTrue(badCsv.err().contains("data row 2: threshold_ms must be > 0"), badCsv.err());

        Run badModel = run("--testbed", "fake", "--model", "alexnet");
        assertEquals(2, badModel.exit());
        assertTrue(badModel.err().contains("unknown model 'alexnet'"), badModel.err());

        Run badFallback = run("--testbed", "fake", "--model", "vgg16", "--fallback", "random");
        assertEquals(2, badFallback.exit());
        assertTrue(badFallback.err().contains("fallback policy must be one of"), badFallback.err());

        Run badPrint = run("--testbed", "fake", "--model", "vgg16", "--requests", "5", "--print", "nobody");
        assertEquals(2, badPrint.exit());

        Run missingModel = run("--testbed", "fake");
        assertEquals(2, missingModel.exit());
        assertTrue(missingModel.err().contains("--model"), missingModel.err());

        // the front provider (the optimizer, in the CLI) refuses: its reason, not a stack trace
        SimulateCommand refusing = new SimulateCommand(id -> new FakeTestbed(0.02)).setFrontProvider(model -> {
            throw new UnsupportedOperationException("no accuracy figures for " + model.name());
        });
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(refusing);
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--testbed", "fake", "--model", "vgg16"));
        assertTrue(err.toString().contains("simulate: no front for vgg16 (give one with --front FILE): no accuracy"
                + " figures for vgg16"), err.toString());
    }

    @Test
    void aScenarioPrintsTheChosenVariantsRequestsAndTheAblationTable() {
        Run r = run("--testbed", "fake", "--model", "vgg16", "--requests", "200", "--seed", "3", "--scenario", "load-60",
                "--seeds", "2", "--selection", "paper");
        assertEquals(0, r.exit(), r.err());
        assertEquals(201, r.out().strip().split("\\R").length, "header and one line per request of the first seed");
        for (String selection : new String[] {"paper", "feedback", "load", "switches", "all", "oracle"}) {
            assertTrue(r.err().contains("| " + selection + " | "), r.err());
        }
        assertTrue(r.err().contains("2 seeds (3..4)"), r.err());

        Run bad = run("--testbed", "fake", "--model", "vgg16", "--scenario", "rush-hour");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--scenario must be one of"), bad.err());
        Run badSelection = run("--testbed", "fake", "--model", "vgg16", "--scenario", "paper", "--selection", "best");
        assertEquals(2, badSelection.exit());
        assertTrue(badSelection.err().contains("--selection must be one of"), badSelection.err());
    }

    @Test
    void theSpreadLineUsesTheProjectsQuantiles() {
        assertEquals("min 1.0, q1 1.8, median 2.5, mean 2.5, q3 3.3, max 4.0",
                SimulateCommand.describe(new double[] {4, 1, 3, 2}));
    }
}
