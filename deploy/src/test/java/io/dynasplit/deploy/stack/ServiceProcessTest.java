package io.dynasplit.deploy.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    @Test
    void refusesToStartOnAPortAnotherProcessServes(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("localhost", 0));
            ServiceProcess service = new ServiceProcess("edge-pi-a", jar, other.getLocalPort(), Map.of(), dir, "64m");

            IllegalStateException e = assertThrows(IllegalStateException.class, service::start);

            assertTrue(e.getMessage().contains("port " + other.getLocalPort() + " is in use"), e.getMessage());
            assertFalse(service.isAlive());
        }
    }

    @Test
    void stackJvmOptionsComeFromThePropertyThenTheEnvironmentThenTheDefaults() {
        assertEquals(List.of("-XX:+UseParallelGC", "-Dx=1"),
                ServiceProcess.jvmOptions("  -XX:+UseParallelGC   -Dx=1 ", "-Xlog:gc"));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xlog:gc"), ServiceProcess.jvmOptions(null, "-XX:+UseSerialGC -Xlog:gc"));
        assertTrue(ServiceProcess.jvmOptions(null, null).contains("-XX:TieredStopAtLevel=1"));
    }
}
