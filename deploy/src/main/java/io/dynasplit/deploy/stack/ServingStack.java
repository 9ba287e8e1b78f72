package io.dynasplit.deploy.stack;

import io.dynasplit.access.Principals;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.testbed.TestbedModel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ./dynasplit stack} runs: the local stack, the Pareto fronts its devices need (so a first request is
 * routed, not dead-lettered), and its Kafka address in the well-known file {@code ./dynasplit request} reads. Closing
 * removes the address, then stops the stack.
 */
public final class ServingStack implements AutoCloseable {
    /** The model and threshold of the first request the banner suggests: a split configuration meets 500 ms. */
    static final String FIRST_MODEL = "vgg16";
    static final int FIRST_THRESHOLD_MS = 500;

    private final LocalStack stack;
    private final List<ParetoFront> fronts;
    private final StackAddress address;
    private final String firstDevice;

    private ServingStack(LocalStack stack, List<ParetoFront> fronts, StackAddress address, String firstDevice) {
        this.stack = stack;
        this.fronts = fronts;
        this.address = address;
        this.firstDevice = firstDevice;
    }

    /** Starts everything, publishes the fronts and waits until the scheduler holds them, then writes the address. */
    public static ServingStack start(StackSettings settings, TestbedModel testbed, StackAddress address) {
        return start(settings, testbed, address, false);
    }

    /** @param secured on the secured broker ({@link LocalStack#startSecured}), the fronts published as the optimizer */
    public static ServingStack start(StackSettings settings, TestbedModel testbed, StackAddress address, boolean secured) {
        LocalStack stack = secured ? LocalStack.startSecured(settings) : LocalStack.start(settings);
        try {
            List<ParetoFront> fronts = StackFronts.publish(stack, testbed);
            // the local tools log in as the operator: they follow a request to its command, result or dead letter
            address.publish(stack.bootstrapServers(), secured ? stack.clientSettings(Principals.OPERATOR).properties()
                    : Map.of());
            return new ServingStack(stack, fronts, address, settings.edgeDevices().get(0));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public List<ParetoFront> fronts() {
        return fronts;
    }

    /** The arguments of a first request that works on this stack: vgg16 on its first device within 500 ms. */
    public List<String> firstRequestArguments() {
        return List.of("request", "--model", FIRST_MODEL, "--device", firstDevice, "--threshold",
                Integer.toString(FIRST_THRESHOLD_MS));
    }

    /** {@code ./dynasplit request --model vgg16 --device pi-a --threshold 500}. */
    public String firstRequestCommand() {
        return "./dynasplit " + String.join(" ", firstRequestArguments());
    }

    /** {@code vgg16 (21), vit-b16 (12), ...}: each model with a front and how many configurations it holds. */
    public String frontsSummary() {
        return String.join(", ", fronts.stream().map(f -> String.format(Locale.ROOT, "%s (%d)", f.model(),
                f.entries().size())).toList());
    }

    @Override
    public void close() {
        try {
            address.remove();
        } finally {
            stack.close();
        }
    }
}
