package io.dynasplit.deploy.demo;

import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.selection.correction.FeedbackSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {

    @Test
    void theDemoSelectsWithTheSchedulersMarginUnlessToldOtherwise() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs();

        assertEquals(FeedbackSettings.defaults().zScore(), demo.marginZ);
        assertEquals(FeedbackSettings.defaults().zScore(), StackSettings.defaults(Path.of(".")).marginZ());
        assertEquals(0.5, StackSettings.defaults(Path.of(".")).withMarginZ(0.5).marginZ());
    }

    @Test
    void aNegativeMarginIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("--margin-z", "-1");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--margin-z must be >= 0"), err.toString());
    }
}
