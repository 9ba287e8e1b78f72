package io.dynasplit.runtime.cli;

import io.dynasplit.runtime.fmnist.FashionMnist;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RuntimeCommandTest {

    @Test
    void sizesPrintsEverySplitPointWithThePaperFigure() {
        String out = run("sizes", "--model", "vgg16");
        long rows = out.lines().filter(l -> l.matches("\\s*\\d+\\s+\\S+\\s+\\[.*")).count();
        assertEquals(23, rows, out);
        String l1 = out.lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow();
        assertTrue(l1.matches(".*3136\\.0 int8\\s+3136\\.0$"), l1);
    }

    @Test
    void benchPrintsARowPerSplitPoint() {
        String out = run("bench", "--model", "fmnist-cnn", "--reps", "3", "--warmup", "1", "--no-codec");
        long rows = out.lines().filter(l -> l.matches("\\s*\\d+\\s+\\S+(\\s+-?[\\d.]+%?){10}")).count();
        assertEquals(11, rows, out);
        assertTrue(out.contains("overhead"), out);
    }

    @Test
    void accuracyPrintsTop1PerSplitPointAndDtype() {
        assumeTrue(FashionMnist.isAvailable(FashionMnist.defaultDirectory()), FashionMnist.INSTALL_HINT);
        String out = run("accuracy", "--limit", "300", "--dtypes", "fp32,int8");
        long rows = out.lines().filter(l -> l.matches("\\s*\\d+\\s+\\S+(\\s+[01]\\.\\d{4}){4}")).count();
        assertEquals(11, rows, out);
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = new CommandLine(new RuntimeCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, Arrays.toString(args) + "\n" + out);
        return out;
    }
}
