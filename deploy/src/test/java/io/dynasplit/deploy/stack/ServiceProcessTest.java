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

    @Test
    void aPropertyTooLongForOneArgumentGoesToAFileTheServiceLoads(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));
        String devices = String.join(",", java.util.Collections.nCopies(10_000, "dev-00000=paper-pi4-coral"));

        ServiceProcess service = new ServiceProcess("scheduler", jar, 1, Map.of("dynasplit.scheduler.devices", devices,
                "short", "kept"), dir, "64m");

        assertTrue(service.command().stream().allMatch(a -> a.length() <= ServiceProcess.MAX_ARGUMENT_CHARS));
        assertTrue(service.command().contains("-Dshort=kept"));
        String location = service.command().stream().filter(a -> a.startsWith("-Dquarkus.config.locations="))
                .findFirst().orElseThrow().substring("-Dquarkus.config.locations=".length());
        java.util.Properties file = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of(java.net.URI.create(location)))) {
            file.load(in);
        }
        assertEquals(devices, file.getProperty("dynasplit.scheduler.devices"));
        assertEquals("400", file.getProperty("config_ordinal"));
    }
}
