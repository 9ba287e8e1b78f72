package io.dynasplit.deploy;

import io.dynasplit.deploy.bench.PipelineBenchCommand;
import io.dynasplit.deploy.demo.DemoCommand;
import io.dynasplit.deploy.onnx.OnnxBenchCommand;
import io.dynasplit.onnx.catalog.ImportedModelSource;
import io.dynasplit.onnx.cli.ModelCommand;
import io.dynasplit.onnx.store.ModelStore;
import io.dynasplit.onnx.store.ModelsDirectory;
import io.dynasplit.deploy.request.RequestCommand;
import io.dynasplit.deploy.stack.Home;
import io.dynasplit.deploy.stack.RunningStackDefaults;
import io.dynasplit.deploy.stack.StackAddress;
import io.dynasplit.deploy.stack.StackCommand;
import io.dynasplit.fleet.cli.FleetCommand;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.cli.OptimizeCommand;
import io.dynasplit.optimizer.cli.ReprofileServiceCommand;
import io.dynasplit.optimizer.cli.OptimizerBenchmarkCommand;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.runtime.cli.RuntimeCommand;
import io.dynasplit.selection.simulate.SimulateCommand;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.cli.TestbedCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./dynasplit}: every DynaSplit command in one place. */
@Command(name = "dynasplit", mixinStandardHelpOptions = true, version = "dynasplit 0.1.0",
        description = "Energy-aware split inference between an edge device and the cloud, on Apache Kafka.")
public final class DynasplitCli implements Runnable {
    /** Kafka clients log every configuration at INFO: a page of noise per client in a command's output. Held
     * strongly, since java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        // imported models (./dynasplit model import) are known to optimize, simulate and testbed like built-in ones
        ImportedModelSource.install(new ModelStore(ModelsDirectory.resolve()));
        SimulateCommand simulate = new SimulateCommand(Testbeds::create)
                // without --front, simulate runs on the front the optimizer finds, as the demo and the paper do
                .setFrontProvider(model -> Optimizer.paretoFront(model, Testbeds.create("paper"), Budget.PAPER, 7))
                // --reprofile profiles the drifted testbed as the reprofile service does: NSGA-III, same budget
                .setReprofiler((model, testbed) -> Optimizer.paretoFront(model, testbed, Budget.PAPER, 7));
        CommandLine model = new CommandLine(new ModelCommand()).addSubcommand(new OnnxBenchCommand());
        return new CommandLine(new DynasplitCli())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new StackCommand())
                .addSubcommand(new RequestCommand())
                .addSubcommand(new PipelineBenchCommand())
                .addSubcommand(new FleetCommand())
                .addSubcommand(simulate)
                .addSubcommand(new OptimizeCommand())
                .addSubcommand(new ReprofileServiceCommand())
                .addSubcommand(new OptimizerBenchmarkCommand())
                .addSubcommand(new TestbedCommand())
                .addSubcommand(new RuntimeCommand())
                .addSubcommand(model)
                .setExecutionExceptionHandler(new CommandFailures())
                .setDefaultValueProvider(new RunningStackDefaults(StackAddress.inHome(home()), System.getenv()));
    }

    /** The checkout, or the working directory where none is found (a stack's address is then simply absent). */
    private static java.nio.file.Path home() {
        try {
            return Home.find();
        } catch (IllegalStateException e) {
            return java.nio.file.Path.of("").toAbsolutePath();
        }
    }

    public static void main(String[] args) {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }
}
