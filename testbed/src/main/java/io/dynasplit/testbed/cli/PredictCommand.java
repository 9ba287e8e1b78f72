package io.dynasplit.testbed.cli;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code testbed predict}: the emulator's noise-free figures as CSV, for every configuration or the given ones. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Print the testbed's noise-free prediction as CSV (one row per configuration).")
public final class PredictCommand implements Callable<Integer> {
    public static final String HEADER = "layer,cpu_mhz,edge_accelerator,cloud_gpu,latency_ms,energy_j,edge_latency_ms,"
            + "transfer_ms,cloud_latency_ms,edge_energy_j,cloud_energy_j,tensor_kb";

    @Spec
    CommandSpec spec;

    @Option(names = "--testbed", defaultValue = "paper", description = "Testbed id (default: ${DEFAULT-VALUE}).")
    String testbed;

    @Option(names = "--model", required = true, description = "vgg16, vit-b16, resnet50, mobilenetv2 or fmnist-cnn.")
    String model;

    @Option(names = "--accounting", defaultValue = "whole-node",
            description = "Cloud energy: whole-node (as the paper) or gpu-marginal (default: ${DEFAULT-VALUE}).")
    String accounting;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--all", required = true, description = "Every valid configuration of the model.")
        boolean all;

        @Option(names = "--config", required = true, paramLabel = "LAYER,CPU_MHZ,ACCELERATOR,GPU",
                description = "One configuration, e.g. 17,1600,max,true (repeatable).")
        List<String> configs;
    }

    @Override
    public Integer call() {
        TestbedModel tb;
        ModelDescriptor descriptor;
        List<SplitConfig> configs = new ArrayList<>();
        try {
            tb = Testbeds.create(testbed, CloudEnergyAccounting.parse(accounting));
            descriptor = Models.require(model);
            if (!tb.supports(descriptor)) {
                throw new IllegalArgumentException("testbed " + testbed + " has no numbers for model " + model);
            }
            if (selection.all) {
                configs.addAll(tb.configurations(descriptor));
            } else {
                for (String text : selection.configs) {
                    SplitConfig c = ConfigArgument.parse(model, text);
                    String reason = tb.validate(c).orElse(null);
                    if (reason != null) {
                        throw new IllegalArgumentException("invalid configuration " + text + ": " + reason);
                    }
                    configs.add(descriptor.canonical(c));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(HEADER);
        for (SplitConfig c : configs) {
            out.println(row(tb.predict(c)));
        }
        out.flush();
        return 0;
    }

    static String row(Prediction p) {
        SplitConfig c = p.config();
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f", c.layer(), c.cpuMhz(),
                c.edgeAccelerator().wireName(), c.cloudGpu(), p.latencyMs(), p.energyJ(), p.edgeLatencyMs(),
                p.transferMs(), p.cloudLatencyMs(), p.edgeEnergyJ(), p.cloudEnergyJ(), p.tensorKb());
    }
}
