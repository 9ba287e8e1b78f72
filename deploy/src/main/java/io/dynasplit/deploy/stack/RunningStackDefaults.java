package io.dynasplit.deploy.stack;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

/**
 * Points the commands that talk to Kafka ({@code optimize --publish}, {@code optimize --evaluator live},
 * {@code reprofile-service}) at the running {@code ./dynasplit stack} when the user names no broker, as
 * {@code ./dynasplit request} does: {@code --bootstrap-servers} given, else {@code KAFKA_BOOTSTRAP_SERVERS}, else the
 * address the stack wrote ({@link StackAddress}), else the option's own default. Options without a default of their
 * own (a required address, or one whose command reads the stack's address itself) are left alone.
 */
public final class RunningStackDefaults implements IDefaultValueProvider {
    static final String OPTION = "--bootstrap-servers";
    static final String ENVIRONMENT = "KAFKA_BOOTSTRAP_SERVERS";

    private final StackAddress address;
    private final Map<String, String> environment;

    public RunningStackDefaults(StackAddress address, Map<String, String> environment) {
        this.address = address;
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || !OPTION.equals(option.longestName())
                || option.defaultValue() == null || environment.containsKey(ENVIRONMENT)) {
            return null;
        }
        return address.read().orElse(null);
    }
}
