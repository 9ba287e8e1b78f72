package io.dynasplit.testbed.cli;

import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.energy.HostModelEnergyMeter;
import io.dynasplit.testbed.hardware.CloudHardware;
import io.dynasplit.testbed.hardware.EdgeHardware;
import io.dynasplit.testbed.hardware.HardwareDetector;
import io.dynasplit.testbed.hardware.HardwareMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code testbed hardware}: which knobs and meters this machine would use, and why. */
@Command(name = "hardware", mixinStandardHelpOptions = true,
        description = "Detect this machine's knobs and energy meters: one line each, real or emulated and why.")
public final class HardwareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--testbed", defaultValue = "paper", description = "Profile for emulated drivers (default: ${DEFAULT-VALUE}).")
    String testbed;

    @Option(names = "--hardware", defaultValue = "auto", description = "auto or emulated (default: ${DEFAULT-VALUE}).")
    String hardware;

    @Option(names = "--accounting", defaultValue = "whole-node", description = "Cloud energy accounting (default: ${DEFAULT-VALUE}).")
    String accounting;

    @Option(names = "--edge-meter", description = "URL of the edge's HTTP power meter.")
    URI edgeMeter;

    @Option(names = "--cloud-meter", description = "URL of the cloud node's HTTP power meter.")
    URI cloudMeter;

    @Option(names = "--host-watts-per-core", defaultValue = "" + HostModelEnergyMeter.DEFAULT_WATTS_PER_CORE,
            description = "The host energy model's power per busy core, W, where no meter exists (default: ${DEFAULT-VALUE}).")
    double hostWattsPerCore;

    @Override
    public Integer call() {
        TestbedModel profile = Testbeds.create(testbed);
        HardwareDetector detector = new HardwareDetector(HardwareDetector.Options.defaults(HardwareMode.parse(hardware))
                .withMeters(edgeMeter, cloudMeter, Duration.ofMillis(200))
                .withHostModel(HostModelEnergyMeter.processCpuTime(), hostWattsPerCore));
        PrintWriter out = spec.commandLine().getOut();
        EdgeHardware edge = detector.detectEdge(profile);
        CloudHardware cloud = detector.detectCloud(profile, CloudEnergyAccounting.parse(accounting));
        edge.report().forEach(out::println);
        cloud.report().forEach(out::println);
        edge.meter().close();
        cloud.meter().close();
        out.flush();
        return 0;
    }
}
