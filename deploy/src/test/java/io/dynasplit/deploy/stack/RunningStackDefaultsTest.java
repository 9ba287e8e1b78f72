package io.dynasplit.deploy.stack;

import io.dynasplit.fleet.cli.FleetCommand;
import io.dynasplit.optimizer.cli.OptimizeCommand;
import io.dynasplit.optimizer.cli.ReprofileServiceCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Kafka commands find the running local stack unless the user names a broker. */
class RunningStackDefaultsTest {
    @TempDir
    Path home;

    @Test
    void theRunningStacksAddressIsTheDefaultBrokerWhenNoneIsNamed() {
        StackAddress stack = StackAddress.inHome(home);
        stack.publish("localhost:40123");
        RunningStackDefaults defaults = new RunningStackDefaults(stack, Map.of());

        assertEquals("localhost:40123", bootstrap(new OptimizeCommand(), defaults, "--model", "vgg16"));
        assertEquals("localhost:40123", bootstrap(new ReprofileServiceCommand(), defaults));
        assertEquals("broker:9092", bootstrap(new OptimizeCommand(), defaults, "--model", "vgg16", "--bootstrap-servers", "broker:9092"),
                "a named broker wins");
    }

    @Test
    void theEnvironmentOrTheOptionsOwnDefaultWinsWithoutAStack() {
        StackAddress stack = StackAddress.inHome(home);
        stack.publish("localhost:40123");
        RunningStackDefaults withEnvironment = new RunningStackDefaults(stack,
                Map.of(RunningStackDefaults.ENVIRONMENT, "kafka:9092"));
        assertEquals(annotatedDefault(), bootstrap(new OptimizeCommand(), withEnvironment, "--model", "vgg16"),
                "KAFKA_BOOTSTRAP_SERVERS is the option's own default, resolved by picocli");

        stack.remove();
        assertEquals(annotatedDefault(), bootstrap(new OptimizeCommand(), new RunningStackDefaults(stack, Map.of()), "--model", "vgg16"));
    }

    @Test
    void anAddressTheUserMustGiveStaysRequired() {
        StackAddress stack = StackAddress.inHome(home);
        stack.publish("localhost:40123");
        CommandLine fleet = new CommandLine(new FleetCommand())
                .setDefaultValueProvider(new RunningStackDefaults(stack, Map.of()));
        CommandLine.MissingParameterException missing = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.MissingParameterException.class, () -> fleet.parseArgs("--devices", "2"));
        assertEquals(true, missing.getMessage().contains("--bootstrap-servers"), missing.getMessage());
        assertNull(new RunningStackDefaults(stack, Map.of()).defaultValue(
                fleet.getCommandSpec().findOption("--bootstrap-servers")));
    }

    private static String bootstrap(Object command, RunningStackDefaults defaults, String... args) {
        CommandLine cli = new CommandLine(command).setDefaultValueProvider(defaults);
        cli.parseArgs(args);
        return cli.getCommandSpec().findOption("--bootstrap-servers").getValue();
    }

    /** What picocli makes of the annotation's default here: the environment variable, else localhost:9092. */
    private static String annotatedDefault() {
        return System.getenv().getOrDefault(RunningStackDefaults.ENVIRONMENT, "localhost:9092");
    }
}
