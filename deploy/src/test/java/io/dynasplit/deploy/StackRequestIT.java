package io.dynasplit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.contracts.Json;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.deploy.request.RequestCommand;
import io.dynasplit.deploy.stack.ServingStack;
import io.dynasplit.deploy.stack.StackAddress;
import io.dynasplit.deploy.stack.StackSettings;
import io.dynasplit.testbed.Testbeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./dynasplit stack} then the request its banner suggests, end to end through the real broker and the services'
 * JVMs: the stack publishes its fronts and its address before the banner, so the very first request gets a result
 * that says which configuration ran and why, its latency and energy, and whether it met the threshold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackRequestIT {
    @TempDir
    static Path requestHome;

    ServingStack serving;

    @BeforeAll
    void startStackAsTheStackCommandDoes() {
        Path home = Path.of(System.getProperty("dynasplit.home", "..")).toAbsolutePath().normalize();
        // what StackCommand runs, on its own ports and log folder; the address goes where RequestCommand looks for it
        StackSettings settings = StackSettings.defaults(home).withEdgeDevices(List.of("pi-a", "pi-b"))
                .withPreloadModels(List.of("vgg16")).withLogDir(home.resolve("deploy/target/it-logs-request"))
                .withFirstHttpPort(28480);
        serving = ServingStack.start(settings, Testbeds.create("paper"), StackAddress.inHome(requestHome));
    }

    @AfterAll
    void stopStack() {
        if (serving != null) {
            serving.close();
            assertFalse(Files.exists(requestHome.resolve(StackAddress.RELATIVE_PATH)), "a stopped stack leaves no address");
        }
    }

    @Test
    @Order(1)
    void theBannersRequestRightAfterStartPrintsAResultWithItsConfigurationCostsAndVerdict() {
        assertTrue(serving.fronts().stream().map(ParetoFront::model).toList().containsAll(List.of("vgg16", "vit-b16")),
                serving.frontsSummary());
        assertEquals("./dynasplit request --model vgg16 --device pi-a --threshold 500", serving.firstRequestCommand());
        List<String> arguments = serving.firstRequestArguments();

        long t0 = System.nanoTime();
        Run run = request(arguments.subList(1, arguments.size()).toArray(String[]::new));
        System.out.printf("first request answered in %.1f s:%n%s", (System.nanoTime() - t0) / 1e9, run.out);

        assertEquals(0, run.exit, run.err + run.out);
        assertTrue(run.out.contains("request 1/1: vgg16 on pi-a, threshold 500 ms, Fashion-MNIST test image 0 (Ankle boot)"),
                run.out);
        assertTrue(run.out.contains("  configuration  vgg16/l="), run.out);
        assertTrue(run.out.contains("  why            the least energy among the Pareto front's configurations predicted"
                + " to meet 500 ms"), run.out);
        assertTrue(run.out.contains("  predicted      "), run.out);
        assertTrue(run.out.matches("(?s).*  latency        [0-9.]+ ms = queue [0-9.]+ \\+ reconfiguration [0-9.]+ \\+ edge"
                + " [0-9.]+ \\+ transfer [0-9.]+ \\+ cloud [0-9.]+ \\(device time\\).*"), run.out);
        assertTrue(run.out.matches("(?s).*  energy         [0-9.]+ J = edge [0-9.]+ \\+ cloud [0-9.]+ .*"), run.out);
        assertTrue(run.out.contains("  sources        latency emulated:"), run.out);
        assertTrue(run.out.matches("(?s).*  threshold      (met|MISSED): [0-9.]+ ms (<=|>) 500 ms.*"), run.out);
        run.out.lines().forEach(line -> assertTrue(line.length() <= 200, line));
    }

    @Test
    @Order(2)
    void jsonGivesOneResultPerLineWithTheDecision() throws Exception {
        Run run = request("--model", "vit-b16", "--device", "pi-b", "--threshold", "1000", "--count", "3", "--json");

        assertEquals(0, run.exit, run.err + run.out);
        List<String> lines = run.out.lines().toList();
        assertEquals(3, lines.size(), run.out);
        for (String line : lines) {
            JsonNode outcome = Json.mapper().readTree(line);
            assertEquals("ok", outcome.at("/result/status").asText(), line);
            assertEquals("pi-b", outcome.at("/result/edgeDeviceId").asText(), line);
            assertNotNull(outcome.at("/result/config/layer").numberValue(), line);
            assertTrue(outcome.at("/result/latency/totalMs").asDouble() > 0, line);
            assertTrue(outcome.at("/result/energy/totalJ").asDouble() > 0, line);
            assertFalse(outcome.at("/decision/policy").asText().isEmpty(), line);
            assertTrue(outcome.at("/image").asText().startsWith("Fashion-MNIST test image "), line);
        }
    }

    @Test
    @Order(3)
    void aDeviceTheStackDoesNotHaveIsNamedWithTheOnesItHas() {
        Run run = request("--model", "vgg16", "--device", "pi-z", "--threshold", "500");

        assertEquals(1, run.exit);
        assertTrue(run.err.contains("has no edge device 'pi-z'; its devices: pi-a, pi-b"), run.err);
    }

    private Run request(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RequestCommand(() -> requestHome)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
