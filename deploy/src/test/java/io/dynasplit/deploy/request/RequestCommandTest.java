package io.dynasplit.deploy.request;

import io.dynasplit.deploy.stack.StackAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a person meets without a running stack, or with bad input: a clear error, before anything is sent. */
class RequestCommandTest {
    @TempDir
    Path home;

    @Test
    void withoutARunningStackItSaysHowToStartOne() {
        Run run = run("--model", "vgg16", "--device", "pi-a", "--threshold", "500");

        assertEquals(1, run.exit);
        assertTrue(run.err.contains("no running stack found: " + home.resolve(StackAddress.RELATIVE_PATH)
                + " does not exist. Start one with ./dynasplit stack"), run.err);
        assertTrue(run.err.contains("--bootstrap-servers"), run.err);
    }

    @Test
    void anAddressLeftByAStoppedStackIsCalledThat() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StackAddress.inHome(home).publish("localhost:" + closedPort);

        long t0 = System.nanoTime();
        Run run = run("--model", "vgg16", "--device", "pi-a", "--threshold", "500");

        assertEquals(1, run.exit);
        assertTrue(run.err.contains("no Kafka broker answers at localhost:" + closedPort + " within 5 s: the stack that"
                + " wrote this address has stopped"), run.err);
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "gives up in seconds");
        assertTrue(Files.isRegularFile(home.resolve("target/stack-logs/request.log")), "the clients' warnings have a file");
    }

    @Test
    void aSecuredStacksOperatorLoginIsWrittenForItsOwnerAndRemovedWithIt() throws Exception {
        StackAddress address = StackAddress.inHome(home);
        address.publish("localhost:1", java.util.Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dynasplit-operator\""
                        + " password=\"p=w\";"));
        assertTrue(address.secured());
        assertEquals("SASL_SSL", address.clientSettings().get("security.protocol"));
        assertTrue(address.clientSettings().get("sasl.jaas.config").endsWith("password=\"p=w\";"), "read back whole");
        assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(address.clientSettingsFile()), "a password: the owner's only");

        address.publish("localhost:1");
        assertTrue(!address.secured() && address.clientSettings().isEmpty(), "a plaintext stack after a secured one");
        address.publish("localhost:1", java.util.Map.of("security.protocol", "SASL_SSL"));
        address.remove();
        assertTrue(!address.secured() && !Files.exists(home.resolve(StackAddress.RELATIVE_PATH)), "both removed");
    }

    @Test
    void badInputIsRefusedWithTheReason() throws Exception {
        Path text = Files.writeString(home.resolve("note.txt"), "not an image");

        assertRefused("--threshold must be a number of ms > 0, got -5.0",
                "--model", "vgg16", "--device", "pi-a", "--threshold", "-5");
        assertRefused("--count must be 1-10000, got 0",
                "--model", "vgg16", "--device", "pi-a", "--threshold", "500", "--count", "0");
        assertRefused("unknown model 'vgg17'", "--model", "vgg17", "--device", "pi-a", "--threshold", "500");
        assertRefused("--device 'pi a' is not a device id", "--model", "vgg16", "--device", "pi a", "--threshold", "500");
        assertRefused("not a PNG or JPEG image", "--model", "vgg16", "--device", "pi-a", "--threshold", "500",
                "--image", text.toString());
        assertRefused("no such file", "--model", "vgg16", "--device", "pi-a", "--threshold", "500",
                "--image", home.resolve("absent.png").toString());
        assertRefused("Missing required option: '--threshold", "--model", "vgg16", "--device", "pi-a");
    }

    private void assertRefused(String reason, String... args) {
        Run run = run(args);
        assertEquals(2, run.exit, run.err);
        assertTrue(run.err.contains(reason), run.err);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RequestCommand(() -> home)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
