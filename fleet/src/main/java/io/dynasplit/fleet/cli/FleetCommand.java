package io.dynasplit.fleet.cli;

import io.dynasplit.fleet.EmulatedFleet;
import io.dynasplit.fleet.FleetSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dynasplit fleet}: N emulated edge devices against a running Kafka until Ctrl-C. Their commands topics must
 * exist (the scheduler's devices and the stack's provisioning); the counts go to standard error every 10 s.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Emulated edge devices, one commands topic each, in one process: each command yields the result"
                + " its edge node and the cloud tail would publish, in the testbed's device time, without compute.")
public final class FleetCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka to connect to.")
    String bootstrapServers;

    @Option(names = "--devices", defaultValue = "1000", description = "How many devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--device-prefix", defaultValue = "dev-",
            description = "Device ids are this prefix and a 5-digit index (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--speedup", defaultValue = "0",
            description = "Publish each result when the device would be done, device time running this many times"
                    + " faster than the wall clock; 0 publishes at once (default: ${DEFAULT-VALUE}).")
    double speedup;

    @Option(names = "--testbed", defaultValue = "paper", description = "Testbed that prices the work (default: ${DEFAULT-VALUE}).")
    String testbed;

    @Override
    public Integer call() throws InterruptedException {
        FleetSettings settings = new FleetSettings(bootstrapServers, FleetSettings.deviceIds(prefix, devices), testbed,
                speedup, false, 0);
        CountDownLatch stop = new CountDownLatch(1);
        try (EmulatedFleet fleet = EmulatedFleet.start(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.err.printf(Locale.ROOT, "fleet: %d devices (%s..%s) reading their commands topics; Ctrl-C stops%n",
                    devices, settings.deviceIds().get(0), settings.deviceIds().get(devices - 1));
            while (!stop.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                System.err.printf(Locale.ROOT, "fleet: %d commands, %d results, %d dead letters%n",
                        fleet.commandsRead(), fleet.resultsPublished(), fleet.deadLettersPublished());
            }
        }
        return 0;
    }
}
