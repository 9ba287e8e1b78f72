package io.dynasplit.selection.simulate;

import io.dynasplit.selection.evaluation.StrategySummary;
import io.dynasplit.selection.strategy.Baselines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulate goals of the evaluation issue on the emulated paper testbed (fewer requests than the 10,000 of the
 * documented run, to stay fast): at least 97% of deadlines met, mean energy within 3% of the oracle's, and the
 * feedback margin meeting more deadlines than the paper's selection on the same front.
 */
class PaperSimulationGoalTest {

    private static StrategySummary dynasplit(String model, String... extra) {
        SimulateCommand command = new SimulateCommand();
        CommandLine cli = new CommandLine(command);
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[] {"--model", model, "--requests", "3000", "--seed", "1", "--print", "none"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        assertEquals(0, cli.execute(all), err.toString());
        return command.summaries().stream().filter(s -> s.strategy().equals(Baselines.DYNASPLIT)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg16", "vit-b16"})
    void meetsTheDeadlinesNearTheOraclesEnergy(String model) {
        StrategySummary withFeedback = dynasplit(model);
        assertTrue(withFeedback.qosMetPercent() >= 97.0, model + ": " + withFeedback);
        assertTrue(withFeedback.energyVsOraclePercent() <= 3.0, model + ": " + withFeedback);

        StrategySummary paper = dynasplit(model, "--no-feedback");
        assertTrue(withFeedback.deadlinesMissed() < paper.deadlinesMissed(),
                model + ": feedback " + withFeedback.deadlinesMissed() + " vs paper " + paper.deadlinesMissed());
    }
}
