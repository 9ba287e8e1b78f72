package io.dynasplit.deploy;

import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.OptimizationRequest;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.evaluation.LiveEvaluator;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import io.dynasplit.optimizer.search.Budget;
import io.dynasplit.optimizer.search.EvaluationListener;
import io.dynasplit.optimizer.store.ParetoPublisher;
import io.dynasplit.testbed.CloudEnergyAccounting;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.energy.HostModelEnergyMeter;
import io.dynasplit.testbed.hardware.HardwareDetector;
import io.dynasplit.testbed.hardware.HardwareMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack with {@code hardware=auto} on this machine, which has no energy meter: fmnist-cnn optimised live
 * through the running pipeline publishes a front whose energy the nodes took from the host model, and every result's
 * joules are the head's and the tail's CPU time times the configured power per core (bounded by their measured host
 * time on this machine's cores).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostEnergyIT {
    static final List<String> DEVICES = List.of("pi-a");
    static final String MODEL = "fmnist-cnn";
    static final double WATTS_PER_CORE = 15.0;

    LocalStack stack;
    PipelineClient client;
    String edgeMeter;
    String cloudMeter;

    @BeforeAll
    void startStack() {
        // what the nodes will find on this machine (same detector, same host)
        TestbedModel paper = Testbeds.create("paper");
        HardwareDetector detector = new HardwareDetector(HardwareDetector.Options.defaults(HardwareMode.AUTO));
        edgeMeter = detector.detectEdge(paper).meter().source();
        cloudMeter = detector.detectCloud(paper, CloudEnergyAccounting.WHOLE_NODE).meter().source();
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        System.setProperty("dynasplit.stack.extra", "dynasplit.edge.host-watts-per-core=" + WATTS_PER_CORE
                + ";dynasplit.cloud.host-watts-per-core=" + WATTS_PER_CORE);
        try {
            stack = LocalStack.start(StackSettings.defaults(home).withEdgeDevices(DEVICES).withHardware("auto")
                    .withLogDir(home.resolve("deploy/target/it-logs-host-energy")).withFirstHttpPort(28280));
        } finally {
            System.clearProperty("dynasplit.stack.extra");
        }
        client = new PipelineClient(stack.bootstrapServers());
    }

    @AfterAll
    void stopStack() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aLiveFrontOnAMachineWithoutAMeterCarriesHostModelEnergyThatFollowsCpuTime() {
        ModelDescriptor model = Models.require(MODEL);
        TestbedModel testbed = Testbeds.create("paper");
        var settings = new LiveEvaluator.Settings("pi-a", testbed.edgeDeviceClass(), testbed.cpuFrequenciesMhz(), 3, 1,
                Duration.ofSeconds(60));
        ParetoFront front;
        try (LiveEvaluator live = new LiveEvaluator(KafkaClientSettings.of(stack.bootstrapServers()), settings, null)) {
            front = Optimizer.optimize(OptimizationRequest.nsga3(model, Budget.count(24), 5)
                    .withAccuracyObjective(false), live, EvaluationListener.NONE).front();
        }
        String identity = front.provenance().hardwareIdentity();
        assertTrue(identity.contains("edge energy " + edgeMeter) && identity.contains("cloud energy " + cloudMeter),
                "the front says where its energy came from: " + identity);
        if (edgeMeter.equals(HostModelEnergyMeter.SOURCE)) {
            assertTrue(identity.contains("edge energy estimated:host-model"), identity);
        }
        for (ParetoEntry e : front.entries()) {
            assertTrue(e.energyJ() > 0 && Double.isFinite(e.energyJ()), "energy of " + e.config().label() + ": " + e.energyJ());
        }

        try (ParetoPublisher publisher = new ParetoPublisher(KafkaClientSettings.of(stack.bootstrapServers()))) {
            publisher.publish(front);
        }
        stack.awaitFront(front.key(), front.version(), Duration.ofSeconds(60));
        List<InferenceRequest> requests = FrontRequests.draw(front, DEVICES, MODEL, 40, new Random(3));
        requests.forEach(client::submit);
        Map<String, InferenceResult> results = client.await(requests.stream().map(InferenceRequest::requestId).toList(),
                Duration.ofMinutes(2), null);
        assertEquals(requests.size(), results.size(), "every request has a result");

        int cores = Runtime.getRuntime().availableProcessors();
        double cpuSeconds = 0;
        double hostSeconds = 0;
        for (InferenceResult r : results.values()) {
            assertEquals(ResultStatus.OK, r.status());
            assertEquals(edgeMeter, r.sources().edgeEnergy());
            if (!edgeMeter.equals(HostModelEnergyMeter.SOURCE)) {
                continue;
            }
            // CPU time inside the head's window cannot exceed the head's host time on every core of this machine
            double edgeCpuS = r.energy().edgeJ() / WATTS_PER_CORE;
            double edgeHostS = r.host().edgeComputeMs() / 1000;
            assertTrue(edgeCpuS >= 0 && edgeCpuS <= edgeHostS * cores + 0.002,
                    "edge " + r.energy().edgeJ() + " J for " + r.host().edgeComputeMs() + " ms on " + cores + " cores");
            if (r.config().layer() < model.lastLayer()) {
                assertEquals(cloudMeter, r.sources().cloudEnergy());
                double cloudCpuS = r.energy().cloudJ() / WATTS_PER_CORE;
                assertTrue(cloudCpuS >= 0 && cloudCpuS <= r.host().cloudComputeMs() / 1000 * cores + 0.002,
                        "cloud " + r.energy().cloudJ() + " J for " + r.host().cloudComputeMs() + " ms");
            }
            cpuSeconds += edgeCpuS;
            hostSeconds += edgeHostS;
        }
        System.out.printf("HostEnergyIT: edge %s, cloud %s; front %s; heads: %.1f ms CPU in %.1f ms host time%n",
                edgeMeter, cloudMeter, front.entries().stream().map(e -> "l" + e.config().layer() + " "
                        + String.format("%.4f J", e.energyJ())).toList(), cpuSeconds * 1000, hostSeconds * 1000);
        if (edgeMeter.equals(HostModelEnergyMeter.SOURCE)) {
            // the heads are CPU-bound on the node's thread: their CPU time is a real share of their host time
            assertTrue(cpuSeconds >= 0.1 * hostSeconds, "CPU " + cpuSeconds + " s against host " + hostSeconds + " s");
        }
    }
}
