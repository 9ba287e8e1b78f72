package io.dynasplit.deploy.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dynasplit stack}: the local stack, running until Ctrl-C. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start a Kafka broker in this JVM and every service (scheduler, edge nodes, cloud node) until Ctrl-C.")
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

    @Override
    public Integer call() throws InterruptedException {
        Path home = Home.find();
        try (LocalStack stack = LocalStack.start(StackSettings.defaults(home).withEdgeDevices(devices)
                .withPacingSpeedup(speedup).withHardware(hardware))) {
            System.out.println("Kafka: " + stack.bootstrapServers());
            stack.services().forEach(s -> System.out.printf("%-12s http://localhost:%d  (log %s)%n", s.name(),
                    s.httpPort(), s.log()));
            System.out.println("Publish InferenceRequest JSON to dynasplit.requests (key = edge device id); Ctrl-C stops.");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
