package io.dynasplit.optimizer.cli;

import io.dynasplit.contracts.Models;
import io.dynasplit.optimizer.evaluation.ConfigurationEvaluator;
import io.dynasplit.optimizer.evaluation.LiveEvaluator;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.testbed.TestbedModel;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a command measures a configuration (a picocli mixin of {@code optimize} and {@code reprofile-service}): the
 * testbed's prediction, or real inferences through the running pipeline on one edge device.
 */
public final class EvaluatorOptions {

    enum EvaluatorKind { profile, live }

    @Option(names = "--evaluator", defaultValue = "profile",
            description = "profile (the testbed's prediction) or live (real inferences through the running pipeline). Default: ${DEFAULT-VALUE}.")
    EvaluatorKind kind;

    @Option(names = "--device-id", defaultValue = "${env:DYNASPLIT_EDGE_DEVICE_ID:-edge-1}",
            description = "Live: the edge device whose command topic is used. Default: ${DEFAULT-VALUE}.")
    String deviceId;

    @Option(names = "--inferences", defaultValue = "10", description = "Live: measured inferences per configuration (median). Default: ${DEFAULT-VALUE}.")
    int inferences;

    @Option(names = "--warm-ups", defaultValue = "1", description = "Live: discarded inferences per configuration. Default: ${DEFAULT-VALUE}.")
    int warmUps;

    @Option(names = "--result-timeout", defaultValue = "60s", converter = OptimizeCommand.DurationConverter.class,
            description = "Live: how long to wait for each result. Default: ${DEFAULT-VALUE}.")
    Duration resultTimeout;

    /**
     * Opens the evaluator: the testbed's profile, or the live pipeline on {@code --device-id}, whose device class and
     * clock steps are the testbed's edge device's.
     */
    ConfigurationEvaluator open(TestbedModel testbed, Supplier<KafkaClientSettings> kafka) {
        if (kind == EvaluatorKind.profile) {
            return new ProfileEvaluator(testbed);
        }
        var settings = new LiveEvaluator.Settings(deviceId, testbed.edgeDeviceClass(), testbed.cpuFrequenciesMhz(),
                inferences, warmUps, resultTimeout);
        // requests carry no labels, so accuracy comes from the profile where it has the model
        return new LiveEvaluator(kafka.get(), settings, config -> Models.find(config.model())
                .filter(testbed::supports).map(m -> testbed.predict(config).accuracy()).orElse(Double.NaN));
    }

    /** {@code profile}, or {@code live on <device>}. */
    String describe() {
        return kind == EvaluatorKind.profile ? "profile" : "live on " + deviceId;
    }
}
