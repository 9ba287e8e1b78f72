package io.dynasplit.deploy.stack;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.testbed.Testbeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dynasplit stack}: the local stack, serving requests until Ctrl-C. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Start a Kafka broker in this JVM and every service (scheduler, edge nodes, cloud node), publish the"
                + " Pareto fronts of the built-in models (NSGA-III on the emulated paper testbed's profile) and serve"
                + " requests until Ctrl-C.",
                "The Kafka address goes to " + StackAddress.RELATIVE_PATH + ", where ./dynasplit request finds it."})
public final class StackCommand implements Callable<Integer> {

    @Option(names = "--devices", split = ",", defaultValue = "pi-a,pi-b", description = "Edge device ids (default: ${DEFAULT-VALUE}).")
    List<String> devices;

    @Option(names = "--speedup", defaultValue = "0",
            description = "Pace emulated devices at device time / this factor; 0 = no pacing (default: ${DEFAULT-VALUE}).")
    double speedup;

    @Option(names = "--hardware", defaultValue = "emulated",
            description = "emulated: the paper's devices; auto: this machine's energy meters, else its host energy model "
                    + "(device time stays emulated) (default: ${DEFAULT-VALUE}).")
    String hardware;

    @Option(names = "--preload", split = ",", defaultValue = ServingStack.FIRST_MODEL,
            description = "Models the nodes build in the background at start, so a first request does not wait for"
                    + " them (about 12 s for vgg16); others are built on first use (default: ${DEFAULT-VALUE}).")
    List<String> preload;

    @Option(names = "--secure",
            description = "Run Kafka secured: SASL_SSL with SCRAM-SHA-512 and certificates made at start, ACLs from the"
                    + " access plan (docs/security.md); each service connects as its own user with only its grants.")
    boolean secure;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (devices.isEmpty() || devices.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "--devices needs at least one device id, got " + devices);
        }
        for (String model : preload) {
            if (Models.find(model).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--preload: unknown model '" + model + "'; known: "
                        + Models.all().stream().map(ModelDescriptor::name).toList());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Path home = Home.find();
        StackSettings settings = StackSettings.defaults(home).withEdgeDevices(devices).withPacingSpeedup(speedup)
                .withHardware(hardware).withPreloadModels(preload);
        out.printf("starting Kafka and the services; logs in %s (Kafka's own in %s) ...%n", settings.logDir(),
                LocalStack.brokerLog(settings).getFileName());
        out.flush();
        long started = System.nanoTime();
        try (ServingStack serving = ServingStack.start(settings, Testbeds.create("paper"), StackAddress.inHome(home),
                secure)) {
            LocalStack stack = serving.stack();
            out.println("Kafka: " + stack.bootstrapServers() + "  (in " + StackAddress.RELATIVE_PATH + ")");
            if (secure) {
                out.println("Kafka is secured: SASL_SSL, SCRAM-SHA-512, one user per service and device with the access"
                        + " plan's ACLs; CA certificate in " + settings.logDir().resolve("kafka-ca.pem")
                        + ". ./dynasplit request logs in as dynasplit-operator, from "
                        + StackAddress.RELATIVE_PATH + ".client.properties (yours only; gone when the stack stops);"
                        + " other clients connect as dynasplit-upstream (docs/security.md).");
            }
            stack.services().forEach(s -> out.printf("%-12s http://localhost:%d  (log %s)%n", s.name(),
                    s.httpPort(), s.log()));
            out.println("Pareto fronts (configurations): " + serving.frontsSummary());
            if (secure) {
                out.printf("ready in %.0f s. Ctrl-C stops.%n", (System.nanoTime() - started) / 1e9);
            } else {
                out.printf("ready in %.0f s. Try:%n  %s%nCtrl-C stops.%n", (System.nanoTime() - started) / 1e9,
                        serving.firstRequestCommand());
            }
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
