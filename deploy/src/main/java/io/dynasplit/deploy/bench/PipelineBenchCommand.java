package io.dynasplit.deploy.bench;

import io.dynasplit.statistics.Quantiles;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.Home;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.ProfileEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.testbed.Testbeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code dynasplit bench}: what the Kafka pipeline costs on this machine, with the smallest network (fmnist-cnn) on
 * the local stack. Overhead per request = client-measured round trip (publish request to receive result) minus the
 * host compute the nodes did (head + tail, reported in HostTimings): the same work done in one process would cost
 * only the compute. Throughput = results per second for a burst of requests over two edge devices.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = TopicLayoutBenchCommand.class,
        description = "Pipeline overhead per request and sustained throughput on the local stack (fmnist-cnn).")
public final class PipelineBenchCommand implements Callable<Integer> {

    @Option(names = "--sequential", defaultValue = "300", description = "Requests sent one at a time (default: ${DEFAULT-VALUE}).")
    int sequential;

    @Option(names = "--burst", defaultValue = "3000", description = "Requests sent at once for throughput (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--warmup", defaultValue = "3000",
            description = "Requests sent at once before measuring, so that the JIT, consumer groups and models settle (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--floor", defaultValue = "300",
            description = "Round trips through the same three hops with plain Kafka clients in two relay JVMs, the"
                    + " floor under the overhead (default: ${DEFAULT-VALUE}).")
    int floorRounds;

    @Option(names = "--floor-warmup", defaultValue = "2000",
            description = "Unmeasured round trips through the plain relays first (default: ${DEFAULT-VALUE}).")
    int floorWarmup;

    @Option(names = "--fleet", defaultValue = "0",
            description = "Instead: the scheduler against this many emulated devices, one commands topic each"
                    + " (decisions per second, scheduler CPU per decision, latency at half the saturating rate,"
                    + " provisioning time, broker heap).")
    int fleet;

    @Option(names = "--fleet-burst", defaultValue = "20000",
            description = "With --fleet: requests sent at once to find the saturating rate (default: ${DEFAULT-VALUE}).")
    int fleetBurst;

    @Option(names = "--fleet-warmup", defaultValue = "5000",
            description = "With --fleet: requests sent at once first, unmeasured (default: ${DEFAULT-VALUE}).")
    int fleetWarmup;

    @Option(names = "--fleet-seconds", defaultValue = "30",
            description = "With --fleet: seconds of Poisson arrivals at half the saturating rate (default: ${DEFAULT-VALUE}).")
    int fleetSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (fleet < 0) {
            throw new ParameterException(spec.commandLine(), "--fleet must be a number of devices, got " + fleet);
        }
        if (fleet > 0) {
            FleetBench.Settings settings;
            try {
                settings = new FleetBench.Settings(fleet, fleetWarmup, fleetBurst, Duration.ofSeconds(fleetSeconds), 1);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            FleetBench.run(settings, StackSettings.defaults(Home.find())).print(System.out);
            return 0;
        }
        if (sequential < 1 || floorRounds < 1 || burst < 1 || warmup < 0 || floorWarmup < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--sequential, --floor and --burst must be at least 1; --warmup and --floor-warmup at least 0");
        }
        List<String> devices = List.of("pi-a", "pi-b");
        StackSettings settings = StackSettings.defaults(Home.find()).withEdgeDevices(devices)
                .withPreloadModels(List.of("fmnist-cnn"));
        try (LocalStack stack = LocalStack.start(settings);
             PipelineClient client = new PipelineClient(stack.bootstrapServers());
             ParetoPublisher publisher = new ParetoPublisher(KafkaClientSettings.of(stack.bootstrapServers()))) {
            ParetoFront front = Optimizer.optimize(OptimizationRequest.exhaustive(Models.FMNIST_CNN)
                    .withAccuracyObjective(false), new ProfileEvaluator(Testbeds.create("paper")),
                    EvaluationListener.NONE).front();
            publisher.publish(front);
            stack.awaitFront(front.key(), front.version(), Duration.ofSeconds(60));
            double generous = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).max().orElseThrow() * 10;

            // steady state, not start-up: the JIT compiles the hot path, consumer groups settle, models load
            sequentialRun(client, devices, generous, 20);
            if (warmup > 0) {
                System.err.printf(Locale.ROOT, "bench: warm-up, %d requests: %.0f results/s%n", warmup,
                        burstRun(client, devices, generous, warmup));
            }
            StageTimes beforeSequential = StageTimes.snapshot(stack.services());
            double[][] seq = sequentialRun(client, devices, generous, sequential);
            Map<String, Double> stageMeans = StageTimes.snapshot(stack.services()).meanMsSince(beforeSequential);
            double[] overhead = seq[0];
            double[] roundTrip = seq[1];
            double throughput = burstRun(client, devices, generous, burst);
            double[] floor;
            try (PlainRelayChain chain = PlainRelayChain.start(stack.bootstrapServers(), settings.logDir())) {
                floor = chain.roundTrips(floorWarmup, floorRounds);
            }

            System.out.println("| measure (fmnist-cnn, loopback, " + Runtime.getRuntime().availableProcessors()
                    + " cores) | p50 | p99 | max |");
            System.out.println("|---|---|---|---|");
            row("round trip per request, ms (" + sequential + " sequential)", roundTrip);
            row("pipeline overhead per request, ms (round trip - host compute)", overhead);
            row("the same three hops with plain Kafka clients, ms (two relay JVMs, no framework, no work; "
                    + floorRounds + " sequential)", floor);
            System.out.printf(Locale.ROOT, "| overhead above that floor, ms (p50 - p50) | %.2f | | |%n",
                    Quantiles.quantile(overhead, 0.5) - Quantiles.quantile(floor, 0.5));
            // the machine's speed moves both alike, so their ratio is what runs on different days can compare
            System.out.printf(Locale.ROOT, "| pipeline overhead over that floor, ratio (p50 / p50; p99 / p99) | %.2fx | %.2fx | |%n",
                    Quantiles.quantile(overhead, 0.5) / Quantiles.quantile(floor, 0.5),
                    Quantiles.quantile(overhead, 0.99) / Quantiles.quantile(floor, 0.99));
            System.out.printf(Locale.ROOT, "| sustained throughput, results/s (%d-request burst, 2 devices) | %.0f | | |%n",
                    burst, throughput);
            System.out.println();
            System.out.println("| where the sequential requests' time went (services' own timers) | mean, ms |");
            System.out.println("|---|---|");
            stageMeans.forEach((timer, ms) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", timer, ms));
        }
        return 0;
    }

    private static double[][] sequentialRun(PipelineClient client, List<String> devices, double threshold, int n) {
        double[] overhead = new double[n];
        double[] roundTrip = new double[n];
        for (int i = 0; i < n; i++) {
            String id = "bench-" + UUID.randomUUID();
            long t0 = System.nanoTime();
            client.submit(InferenceRequest.of(id, devices.get(i % devices.size()), "fmnist-cnn", threshold, null,
                    new byte[0], (long) i, Instant.now()));
            InferenceResult r = client.await(List.of(id), Duration.ofSeconds(30), null).get(id);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r == null) {
                throw new IllegalStateException("no result for " + id);
            }
            roundTrip[i] = ms;
            overhead[i] = ms - (r.host() == null ? 0 : r.host().edgeComputeMs() + r.host().cloudComputeMs());
        }
        return new double[][] {overhead, roundTrip};
    }

    private static double burstRun(PipelineClient client, List<String> devices, double threshold, int n) {
        List<String> ids = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = "burst-" + UUID.randomUUID();
            ids.add(id);
            client.submitAsync(InferenceRequest.of(id, devices.get(i % devices.size()), "fmnist-cnn", threshold, null,
                    new byte[0], (long) i, Instant.now()));
        }
        Map<String, InferenceResult> results = client.await(ids, Duration.ofMinutes(5), null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (results.size() < n) {
            throw new IllegalStateException("only " + results.size() + " of " + n + " results arrived");
        }
        return n / seconds;
    }

    private static void row(String name, double[] values) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", name, Quantiles.quantile(values, 0.5),
                Quantiles.quantile(values, 0.99), Quantiles.quantile(values, 1.0));
    }
}
