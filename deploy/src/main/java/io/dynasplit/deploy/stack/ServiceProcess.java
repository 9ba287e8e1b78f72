package io.dynasplit.deploy.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One DynaSplit service running as its own JVM from its packaged Quarkus jar, as it would in production: its own
 * process, its own Kafka clients, configured by system properties. Logs go to a file.
 */
public final class ServiceProcess implements AutoCloseable {
    /**
     * The local stack runs five JVMs on the machine's cores: the serial collector, the C1 compiler only, and PyTorch on
     * one thread per node. With C2, its compiler threads took about 40% of a 2-core machine for the first minute under
     * load; with C1 only ./dynasplit bench measured 131/s against 116/s and 10.5 against 14.5 ms p50 overhead. Two
     * nodes' PyTorch thread pools on two cores mostly wait for each other (docs/evaluation.md, "Pipeline cost").
     * Override with {@code -Ddynasplit.stack.jvm-options="..."} or {@code DYNASPLIT_STACK_JVM_OPTIONS}.
     */
    static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1";
    /**
     * OpenMP threads that finish a parallel region spin for the next one by default: between two heads a node runs
     * Kafka and JSON work, and the spinning took most of the CPU the other services needed (bench: 229 against 467
     * results/s). Passive waiting unless the environment says otherwise.
     */
    static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of("OMP_WAIT_POLICY", "PASSIVE");
    /**
     * Linux refuses to start a process with one argument over 128 KiB (MAX_ARG_STRLEN): a property that long (the
     * scheduler's device list for 10,000 devices is about 260 KB) goes into a properties file the service loads.
     */
    static final int MAX_ARGUMENT_CHARS = 100_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;

    public ServiceProcess(String name, Path quarkusRunJar, int httpPort, Map<String, String> properties, Path logDir,
                          String maxHeap) {
        this(name, quarkusRunJar, httpPort, properties, Map.of(), logDir, maxHeap);
    }

    /** @param environment variables for the process, e.g. {@code KAFKA_SASL_JAAS_CONFIG}: secrets stay out of its command line */
    public ServiceProcess(String name, Path quarkusRunJar, int httpPort, Map<String, String> properties,
                          Map<String, String> environment, Path logDir, String maxHeap) {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.httpPort = httpPort;
        this.log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + maxHeap);
        cmd.addAll(jvmOptions());
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Dquarkus.http.port=" + httpPort);
        Map<String, String> tooLong = new java.util.TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.length() + v.length() + 3 > MAX_ARGUMENT_CHARS) {
                tooLong.put(k, v);
            } else {
                cmd.add("-D" + k + "=" + v);
            }
        });
        if (!tooLong.isEmpty()) {
            cmd.add("-Dquarkus.config.locations=" + propertiesFile(logDir.resolve(name + ".properties"), tooLong).toUri());
        }
        cmd.add("-jar");
        cmd.add(quarkusRunJar.toString());
        this.command = List.copyOf(cmd);
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(name + ": " + quarkusRunJar + " not found; build first (./mvnw -B -DskipTests install)");
        }
    }

    /** Writes {@code properties} where the service reads them above its packaged application.properties. */
    private static Path propertiesFile(Path file, Map<String, String> properties) {
        java.util.Properties p = new java.util.Properties();
        p.putAll(properties);
        p.put("config_ordinal", "400"); // as system properties: above the jar's application.properties (250)
        try {
            Files.createDirectories(file.getParent());
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "written by the local stack: too long for the command line");
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The options every JVM of the local stack gets: {@code -Ddynasplit.stack.jvm-options}, else the environment's
     * {@code DYNASPLIT_STACK_JVM_OPTIONS} (the {@code dynasplit} script splits {@code JAVA_OPTS} at spaces, so several
     * options travel best this way), else {@link #DEFAULT_JVM_OPTIONS}.
     */
    public static List<String> jvmOptions() {
        return jvmOptions(System.getProperty("dynasplit.stack.jvm-options"), System.getenv("DYNASPLIT_STACK_JVM_OPTIONS"));
    }

    static List<String> jvmOptions(String property, String environment) {
        String options = property != null ? property : environment != null ? environment : DEFAULT_JVM_OPTIONS;
        return Arrays.stream(options.split("\\s+")).filter(option -> !option.isBlank()).toList();
    }

    public ServiceProcess start() {
        requirePortFree();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            DEFAULT_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The readiness check asks the port, so a port some other process serves (a second stack, an earlier one still
     * stopping) would pass it for a service that in fact failed to bind: refuse to start instead.
     */
    private void requirePortFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("localhost", httpPort));
        } catch (IOException e) {
            throw new IllegalStateException(name + ": HTTP port " + httpPort + " is in use (another stack running?);"
                    + " stop it first", e);
        }
    }

    /** Waits until the service's readiness check (Kafka included) answers UP. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://localhost:" + httpPort + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    /** GET a path of the service's HTTP API; null when it does not answer 200. */
    public String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** CPU time (user + system, all threads) the process has used so far, where the OS reports it. */
    public java.util.Optional<Duration> cpuTime() {
        return process == null ? java.util.Optional.empty() : process.toHandle().info().totalCpuDuration();
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    public String name() {
        return name;
    }

    /** The command line the process starts with. */
    List<String> command() {
        return command;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
    }

    /** Stops gracefully (SIGTERM), then forcibly after 20 s. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(20))) {
                kill();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
