package io.dynasplit.deploy.stack;

import io.dynasplit.access.AccessPlan;
import io.dynasplit.access.Principals;
import io.dynasplit.localbroker.KafkaCredentials;
import io.dynasplit.localbroker.KafkaLogFile;
import io.dynasplit.localbroker.LocalKafka;

import io.dynasplit.onnx.store.ModelsDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole system on one machine: a real Kafka broker in this JVM, then the scheduler, one edge node per edge
 * device and a cloud node, each in its own JVM from its packaged jar. Everything stops when this is closed or the
 * JVM exits.
 */
public final class LocalStack implements AutoCloseable {
    private final StackSettings settings;
    private final LocalKafka kafka;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "local-stack-shutdown");
    private boolean closed;

    private LocalStack(StackSettings settings, LocalKafka kafka) {
        this.settings = settings;
        this.kafka = kafka;
    }

    /**
     * Starts the broker and every service, and waits until all are ready. What the broker and this JVM's Kafka clients
     * log goes to {@link #brokerLog(StackSettings)}, beside the services' logs, not to the terminal.
     */
    public static LocalStack start(StackSettings settings) {
        return start(settings, false);
    }

    /**
     * The same on a secured broker ({@link LocalKafka#startSecured}): SASL_SSL with SCRAM-SHA-512 and the access plan's
     * ACLs for the settings' devices; each service connects as its own principal of the plan.
     */
    public static LocalStack startSecured(StackSettings settings) {
        return start(settings, true);
    }

    private static LocalStack start(StackSettings settings, boolean secured) {
        KafkaLogFile.routeTo(brokerLog(settings));
        LocalKafka kafka = secured ? LocalKafka.startSecured(AccessPlan.forDevices(settings.edgeDevices()))
                : LocalKafka.start();
        kafka.provisionDevices(settings.edgeDevices());
        LocalStack stack = new LocalStack(settings, kafka);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.launchAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /**
     * The scheduler alone, started exactly as {@link #start} starts it, on a broker the caller started and provisioned:
     * for runs that bring their own edge devices (the fleet bench). Closing stops the scheduler and the broker.
     */
    public static LocalStack schedulerOnly(StackSettings settings, LocalKafka kafka) {
        LocalStack stack = new LocalStack(settings, kafka);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            ServiceProcess scheduler = stack.scheduler(settings.firstHttpPort());
            stack.add(scheduler);
            scheduler.start().awaitReady(Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The file the in-JVM broker and this JVM's Kafka clients log to: {@code broker.log} in the log folder. */
    public static Path brokerLog(StackSettings settings) {
        return settings.logDir().resolve("broker.log");
    }

    private void launchAll() {
        int port = settings.firstHttpPort();
        add(scheduler(port++));
        for (String device : settings.edgeDevices()) {
            add(edgeNode(device, port++));
        }
        add(cloudNode("cloud-1", port));
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(Duration.ofSeconds(180)));
    }

    private void add(ServiceProcess process) {
        services.put(process.name(), process);
    }

    public ServiceProcess scheduler(int port) {
        return scheduler("scheduler", port);
    }

    /**
     * Starts one more scheduler replica ({@code scheduler-2}, {@code scheduler-3}, ...) next to the running ones and
     * waits until it is ready: replicas share the devices, each deciding those whose request partitions it owns.
     */
    public ServiceProcess addSchedulerReplica() {
        int replica = 2;
        while (services.containsKey("scheduler-" + replica)) {
            replica++;
        }
        int port = services.values().stream().mapToInt(ServiceProcess::httpPort).max().orElse(settings.firstHttpPort()) + 1;
        ServiceProcess fresh = scheduler("scheduler-" + replica, port);
        add(fresh.start());
        fresh.awaitReady(Duration.ofSeconds(180));
        return fresh;
    }

    /** Every scheduler replica of this stack. */
    public List<ServiceProcess> schedulers() {
        return services.values().stream().filter(s -> isScheduler(s.name())).toList();
    }

    private static boolean isScheduler(String name) {
        return name.equals("scheduler") || name.startsWith("scheduler-");
    }

    private ServiceProcess scheduler(String name, int port) {
        Map<String, String> p = common();
        p.put("dynasplit.scheduler.devices", settings.edgeDevices().stream()
                .map(d -> d + "=" + settings.deviceClass()).collect(Collectors.joining(",")));
        p.put("dynasplit.scheduler.fallback-policy", settings.fallbackPolicy());
        p.put("dynasplit.scheduler.margin-z", Double.toString(settings.marginZ()));
        p.put("dynasplit.scheduler.device-clock-speedup", clockSpeedup());
        return new ServiceProcess(name, jar("scheduler"), port, p, login(Principals.SCHEDULER), settings.logDir(),
                "512m");
    }

    public ServiceProcess edgeNode(String device, int port) {
        return edgeNode("edge-" + device, device, Principals.edgeDevice(device), port);
    }

    /**
     * An edge node for {@code device} that logs in as {@code principal}, named {@code name}: on a secured stack, a
     * node given another device's credentials, which its start-up access check must refuse.
     */
    public ServiceProcess edgeNode(String name, String device, String principal, int port) {
        Map<String, String> p = common();
        p.put("dynasplit.edge.device-id", device);
        p.put("dynasplit.edge.device-class", settings.deviceClass());
        p.put("dynasplit.edge.hardware", settings.hardware());
        p.put("dynasplit.edge.pacing-speedup", Double.toString(settings.pacingSpeedup()));
        if (settings.edgeDrift().drifts()) {
            p.put("dynasplit.edge.drift.factor", Double.toString(settings.edgeDrift().factor()));
            p.put("dynasplit.edge.drift.from-command", Long.toString(settings.edgeDrift().fromCommand()));
        }
        return new ServiceProcess(name, jar("edge-node"), port, p, login(principal), settings.logDir(),
                settings.serviceHeap());
    }

    public ServiceProcess cloudNode(String nodeId, int port) {
        Map<String, String> p = common();
        p.put("dynasplit.cloud.node-id", nodeId);
        p.put("dynasplit.cloud.hardware", settings.hardware());
        p.put("dynasplit.cloud.pacing-speedup", Double.toString(settings.pacingSpeedup()));
        return new ServiceProcess(nodeId, jar("cloud-node"), port, p, login(Principals.CLOUD_NODE), settings.logDir(),
                settings.serviceHeap());
    }

    private Map<String, String> common() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (kafka.isSecured()) {
            p.put("kafka.security.protocol", KafkaCredentials.SECURITY_PROTOCOL);
            p.put("kafka.sasl.mechanism", KafkaCredentials.SASL_MECHANISM);
            p.put("kafka.ssl.truststore.type", "PEM");
            p.put("kafka.ssl.truststore.location", trustedCertificatesFile().toString());
        }
        // every service reads imported models from the same directory as ./dynasplit model import writes
        p.put(ModelsDirectory.PROPERTY, ModelsDirectory.resolve().toAbsolutePath().toString());
        // a throw-away broker: skip SmallRye's graceful close, which waits for throttled commits
        p.put("mp.messaging.connector.smallrye-kafka.graceful-shutdown", "false");
        // extra service properties for experiments: -Ddynasplit.stack.extra="key=value;key=value"
        for (String kv : System.getProperty("dynasplit.stack.extra", "").split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        if (!settings.preloadModels().isEmpty()) {
            p.put("dynasplit.models.preload", String.join(",", settings.preloadModels()));
        }
        return p;
    }

    /** A service's login on a secured broker, as the environment variable Kubernetes sets from a Secret. */
    private Map<String, String> login(String principal) {
        return kafka.isSecured() ? Map.of("KAFKA_SASL_JAAS_CONFIG", kafka.credentials(principal).jaasConfig()) : Map.of();
    }

    /** The secured broker's CA certificate, written beside the logs for the services' trust store. */
    private Path trustedCertificatesFile() {
        Path file = settings.logDir().resolve("kafka-ca.pem");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, kafka.trustedCertificatesPem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file.toAbsolutePath();
    }

    /** The local broker: its credentials when secured ({@link LocalKafka#credentials(String)}). */
    public LocalKafka kafka() {
        return kafka;
    }

    /**
     * Settings of a Kafka client connecting as {@code principal}: bootstrap servers, plus its SASL and TLS settings on a
     * secured broker.
     */
    public Map<String, Object> clientConfig(String principal) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        if (kafka.isSecured()) {
            config.putAll(kafka.credentials(principal).clientProperties());
        }
        return config;
    }

    /** {@link #clientConfig(String)} as the optimizer's and the request command's settings take it. */
    public io.dynasplit.optimizer.kafka.KafkaClientSettings clientSettings(String principal) {
        Map<String, String> security = new LinkedHashMap<>();
        clientConfig(principal).forEach((k, v) -> security.put(k, String.valueOf(v)));
        security.remove("bootstrap.servers");
        return new io.dynasplit.optimizer.kafka.KafkaClientSettings(kafka.bootstrapServers(), security);
    }

    private String clockSpeedup() {
        return Double.toString(settings.pacingSpeedup() > 0 ? settings.pacingSpeedup() : 1.0);
    }

    private Path jar(String module) {
        return settings.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public ServiceProcess service(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name + "; running: " + services.keySet());
        }
        return s;
    }

    /** Replaces a (stopped or killed) service with a fresh process on the same settings, and waits until ready. */
    public ServiceProcess restart(String name) {
        ServiceProcess old = service(name);
        old.close();
        ServiceProcess fresh;
        if (isScheduler(name)) {
            fresh = scheduler(name, old.httpPort());
        } else if (name.startsWith("edge-")) {
            fresh = edgeNode(name.substring("edge-".length()), old.httpPort());
        } else {
            fresh = cloudNode(name, old.httpPort());
        }
        services.put(name, fresh.start());
        fresh.awaitReady(Duration.ofSeconds(180));
        return fresh;
    }

    /**
     * Stops the in-JVM broker, keeps it down for {@code downtime}, and starts it again on the same log directory and
     * port ({@link LocalKafka#stop()}, {@link LocalKafka#startAgain()}); the services keep running and reconnect by
     * themselves. Blocks until the broker accepts connections again. Only on a plain stack.
     */
    public BrokerOutage restartBroker(Duration downtime) {
        Instant stopping = Instant.now();
        kafka.stop();
        Instant down = Instant.now();
        try {
            Thread.sleep(downtime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // start the broker again at once rather than leave the stack without one
        }
        Instant starting = Instant.now();
        kafka.startAgain();
        return new BrokerOutage(stopping, down, starting, Instant.now());
    }

    /**
     * When a broker restart began ({@code stopping}), when the broker was down ({@code down}), when it began to start
     * again and when it accepted connections again ({@code back}).
     */
    public record BrokerOutage(Instant stopping, Instant down, Instant starting, Instant back) {
        /** From the start of the stop until the broker accepted connections again. */
        public Duration unavailable() {
            return Duration.between(stopping, back);
        }
    }

    /** Waits until every scheduler replica holds a front for {@code key} (model@deviceClass) at {@code version} or newer. */
    public void awaitFront(String key, long version, Duration timeout) {
        schedulers().forEach(s -> awaitFront(s, key, version, timeout));
    }

    private static void awaitFront(ServiceProcess scheduler, String key, long version, Duration timeout) {
        String pattern = "\"key\":\"" + key + "\",\"version\":";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String body = scheduler.get("/fronts");
            int at = body == null ? -1 : body.indexOf(pattern);
            if (at >= 0) {
                String rest = body.substring(at + pattern.length());
                long held = Long.parseLong(rest.substring(0, rest.indexOf(',')));
                if (held >= version) {
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(scheduler.name() + " has no front " + key + " v" + version + " after " + timeout);
    }

    public List<ServiceProcess> services() {
        return new ArrayList<>(services.values());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ServiceProcess> running = new ArrayList<>(services.values());
        java.util.Collections.reverse(running);
        running.forEach(ServiceProcess::close);
        services.clear();
        kafka.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
