package io.dynasplit.deploy;

import io.dynasplit.access.Principals;
import io.dynasplit.contracts.InferenceRequest;
import io.dynasplit.contracts.InferenceResult;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.ResultStatus;
import io.dynasplit.deploy.client.PipelineClient;
import io.dynasplit.deploy.stack.LocalStack;
import io.dynasplit.deploy.stack.ServiceProcess;
import io.dynasplit.deploy.request.RequestCommand;
import io.dynasplit.deploy.stack.StackAddress;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.optimizer.kafka.KafkaClientSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on the secured broker ({@code ./dynasplit stack --secure}): SASL_SSL only, SCRAM-SHA-512, the
 * access plan's ACLs. The scheduler, both edge nodes and the cloud node each log in as their own user, the front is
 * published as the optimizer and requests are sent and results read as the upstream client; a connection without a
 * login has no listener to reach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurePipelineIT {
    static final List<String> DEVICES = List.of("pi-a", "pi-b");

    LocalStack stack;
    PipelineClient client;
    ParetoFront front;

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        // below Linux's ephemeral range (32768-60999): a port in it can be taken by any outgoing connection, and
        // 38080 was, once, in a fresh-clone CI run ("HTTP port 38080 is in use")
        stack = LocalStack.startSecured(StackSettings.defaults(home).withEdgeDevices(DEVICES)
                .withLogDir(home.resolve("deploy/target/it-secure-logs")).withFirstHttpPort(28780));
        front = FrontRequests.publishFmnistFront(stack, stack.clientSettings(Principals.OPTIMIZER), Duration.ofSeconds(60));
        client = new PipelineClient(stack.clientConfig(Principals.UPSTREAM));
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
    void requestsForTwoDevicesGetTheirResultsWithEveryClientLoggedIn() {
        assertTrue(stack.kafka().isSecured());
        List<InferenceRequest> requests = requests(60, new Random(11));
        requests.forEach(client::submit);
        Map<String, InferenceResult> results = client.await(requests.stream().map(InferenceRequest::requestId).toList(),
                Duration.ofMinutes(3), null);
        assertEquals(requests.size(), results.size(), "every request has a result");
        for (InferenceRequest request : requests) {
            InferenceResult result = results.get(request.requestId());
            assertEquals(ResultStatus.OK, result.status(), request.requestId());
            assertEquals(request.edgeDeviceId(), result.edgeDeviceId());
            assertTrue(front.entries().stream().map(ParetoEntry::config).anyMatch(result.config()::equals));
        }
        assertEquals(DEVICES.size(), requests.stream().map(InferenceRequest::edgeDeviceId).distinct().count());
    }

    @Test
    void anEdgeNodeWithAnotherDevicesCredentialsFailsItsStartNamingTheTopic() throws Exception {
        ServiceProcess impostor = stack.edgeNode("impostor-edge-pi-a", "pi-a", Principals.edgeDevice("pi-b"), 38099);
        try {
            impostor.start();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> impostor.awaitReady(Duration.ofSeconds(180)));
            assertTrue(e.getMessage().contains("exited"), e.getMessage());
            assertFalse(impostor.isAlive());
            String log = Files.readString(impostor.log());
            assertTrue(log.contains("Kafka does not allow user dynasplit-edge-pi-b to do what this service needs:"
                    + " may not READ on topic dynasplit.edge.pi-a.commands (channel commands);"
                    + " may not READ on group dynasplit-edge-pi-a (channel commands)"), log);
        } finally {
            impostor.close();
        }
    }

    private List<InferenceRequest> requests(int n, Random random) {
        double fastest = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).min().orElseThrow();
        double slowest = front.entries().stream().mapToDouble(ParetoEntry::latencyMs).max().orElseThrow();
        List<InferenceRequest> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double threshold = fastest * 0.8 + random.nextDouble() * (slowest * 1.5 - fastest * 0.8);
            list.add(InferenceRequest.of(UUID.randomUUID().toString(), DEVICES.get(i % DEVICES.size()), "fmnist-cnn",
                    threshold, null, new byte[0], (long) i, Instant.now()));
        }
        return list;
    }

    @Test
    void theRequestCommandLogsInAsTheOperatorAndFollowsEachRequestToItsDecision() throws Exception {
        Path home = Files.createTempDirectory("secure-request-home");
        KafkaClientSettings operator = stack.clientSettings(Principals.OPERATOR);
        StackAddress.inHome(home).publish(operator.bootstrapServers(), operator.properties());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RequestCommand(() -> home)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("--model", "fmnist-cnn", "--device", "pi-b", "--threshold", "1000", "--count", "2", "--json");

        assertEquals(0, exit, out + "\n" + err);
        List<String> lines = out.toString().lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(2, lines.size(), out.toString());
        for (String line : lines) {
            assertTrue(line.contains("\"status\":\"ok\""), line);
            // the decision is read from pi-b's commands topic, which only the device and the operator may read
            assertTrue(line.contains("\"decision\":{"), line);
        }
    }
}
