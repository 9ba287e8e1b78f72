package io.dynasplit.testbed.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateCheckCommandTest {

    @Test
    void printsBothFormsWithEveryDirection() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TestbedCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("estimate-check"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.stream().filter(EstimateCheckCommand.HEADER::equals).count(), out.toString());
        for (String direction : List.of("| vgg16 | vgg16 (in-sample) | 186 |", "| vgg16 | vit-b16 | 44 |",
                "| vit-b16 | vgg16 | 186 |", "| vit-b16 | vit-b16 (in-sample) | 44 |")) {
            assertEquals(2, lines.stream().filter(l -> l.startsWith(direction)).count(), direction);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Edge CPU time per million MACs")), out.toString());
    }
}
