package io.dynasplit.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runtime sizes | accuracy | bench | train | export-onnx | onnx-agreement | gpu-check}: tools around the split runtime. */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Split runtime tools: tensor sizes, accuracy per split point, benchmarks, training, ONNX export.",
        subcommands = {SizesCommand.class, AccuracyCommand.class, BenchCommand.class, TrainCommand.class,
                ExportOnnxCommand.class, OnnxAgreementCommand.class, GpuCheckCommand.class})
public final class RuntimeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RuntimeCommand()).execute(args));
    }
}
