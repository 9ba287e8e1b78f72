package io.dynasplit.testbed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code testbed}: look at the emulated testbed from outside. The {@code ./dynasplit} CLI mounts it as a
 * subcommand; {@link #main} runs it alone ({@code java -cp ... io.dynasplit.testbed.cli.TestbedCommand predict ...}).
 */
@Command(name = "testbed", mixinStandardHelpOptions = true,
        description = "The emulated testbed: predictions, calibration and the estimate's check.",
        subcommands = {PredictCommand.class, CalibrateCommand.class, EstimateCheckCommand.class, HardwareCommand.class,
                NvmlCheckCommand.class})
public final class TestbedCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TestbedCommand()).execute(args));
    }
}
