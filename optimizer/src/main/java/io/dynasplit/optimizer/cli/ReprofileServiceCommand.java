package io.dynasplit.optimizer.cli;

import io.dynasplit.contracts.Topics;
import io.dynasplit.optimizer.evaluation.EvaluationException;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.reprofile.Reprofiler;
import io.dynasplit.optimizer.reprofile.ReprofileService;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code dynasplit reprofile-service}: the optimizer as a service that answers stale fronts with new ones. */
@Command(name = "reprofile-service", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs until Ctrl-C: reads requests to profile a stale front again from " + Topics.REPROFILE
                + " (the scheduler's staleness monitor sends them), runs NSGA-III for that model and device class on "
                + "the testbed's profile, or, with --evaluator live, on real inferences through the running pipeline "
                + "on --device-id (the board as it runs now), and publishes the new front version to " + Topics.PARETO + ", where the "
                + "scheduler replaces the stale one without a restart. Requests it cannot answer go to "
                + Topics.DEAD_LETTERS + " with the reason."})
public final class ReprofileServiceCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--testbed", defaultValue = "paper",
            description = "Testbed whose device class this service profiles: paper, or a TestbedModel class name. Default: ${DEFAULT-VALUE}.")
    String testbed;

    @Option(names = "--cloud-energy", defaultValue = "whole-node",
            description = "Cloud energy accounting: whole-node or gpu-marginal. Default: ${DEFAULT-VALUE}.")
    String cloudEnergy;

    @Option(names = "--budget", defaultValue = "0.2", converter = OptimizeCommand.BudgetConverter.class,
            description = "Distinct configurations to evaluate per re-profile: a fraction (0.2) or a count. Default: ${DEFAULT-VALUE}.")
    Budget budget;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    EvaluatorOptions evaluator;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}. Security settings come from "
                    + "KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_TRUSTSTORE_*.")
    String bootstrapServers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TestbedModel profile;
        try {
            profile = TestbedResolver.resolve(testbed, CloudEnergyAccounting.parse(cloudEnergy));
        } catch (IllegalArgumentException e) {
            err.println("reprofile-service: " + e.getMessage());
            err.flush();
            return 2;
        }
        KafkaClientSettings kafka = KafkaClientSettings.fromEnvironment(bootstrapServers, System.getenv());
        Reprofiler reprofiler;
        try {
            reprofiler = new Reprofiler(() -> evaluator.open(profile, () -> kafka), budget, seed, Clock.systemUTC());
        } catch (IllegalArgumentException | EvaluationException e) {
            err.println("reprofile-service: " + e.getMessage());
            err.flush();
            return 2;
        }
        ReprofileService service = new ReprofileService(kafka, reprofiler, Clock.systemUTC(), line -> {
                    out.println(line);
                    out.flush();
                });
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        out.printf("reprofile-service: device class %s, budget %s, evaluator %s, listening on %s at %s%n",
                reprofiler.deviceClass(), budget, evaluator.describe(), Topics.REPROFILE, bootstrapServers);
        out.flush();
        service.run();
        return 0;
    }
}
