package io.dynasplit.deploy.stack;

import io.dynasplit.localbroker.KafkaLogFile;
import io.dynasplit.localbroker.LocalKafka;

import io.dynasplit.onnx.store.ModelsDirectory;
import java.nio.file.Path;
import java.time.Duration;
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
        KafkaLogFile.routeTo(brokerLog(settings));
        LocalKafka kafka = LocalKafka.start();
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
        Map<String, String> p = common();
        p.put("dynasplit.scheduler.devices", settings.edgeDevices().stream()
                .map(d -> d + "=" + settings.deviceClass()).collect(Collectors.joining(",")));
        p.put("dynasplit.scheduler.fallback-policy", settings.fallbackPolicy());
        p.put("dynasplit.scheduler.margin-z", Double.toString(settings.marginZ()));
        p.put("dynasplit.scheduler.device-clock-speedup", clockSpeedup());
        return new ServiceProcess("scheduler", jar("scheduler"), port, p, settings.logDir(), "512m");
    }

    public ServiceProcess edgeNode(String device, int port) {
        Map<String, String> p = common();
        p.put("dynasplit.edge.device-id", device);
        p.put("dynasplit.edge.device-class", settings.deviceClass());
        p.put("dynasplit.edge.hardware", settings.hardware());
        p.put("dynasplit.edge.pacing-speedup", Double.toString(settings.pacingSpeedup()));
        return new ServiceProcess("edge-" + device, jar("edge-node"), port, p, settings.logDir(), settings.serviceHeap());
    }

    public ServiceProcess cloudNode(String nodeId, int port) {
        Map<String, String> p = common();
        p.put("dynasplit.cloud.node-id", nodeId);
        p.put("dynasplit.cloud.hardware", settings.hardware());
        p.put("dynasplit.cloud.pacing-speedup", Double.toString(settings.pacingSpeedup()));
        return new ServiceProcess(nodeId, jar("cloud-node"), port, p, settings.logDir(), settings.serviceHeap());
    }

    private Map<String, String> common() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
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
        if (name.equals("scheduler")) {
            fresh = scheduler(old.httpPort());
        } else if (name.startsWith("edge-")) {
            fresh = edgeNode(name.substring("edge-".length()), old.httpPort());
        } else {
            fresh = cloudNode(name, old.httpPort());
        }
        services.put(name, fresh.start());
        fresh.awaitReady(Duration.ofSeconds(180));
        return fresh;
    }

    /** Waits until the scheduler holds a front for {@code key} (model@deviceClass) at {@code version} or newer. */
    public void awaitFront(String key, long version, Duration timeout) {
        ServiceProcess scheduler = service("scheduler");
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
        throw new IllegalStateException("the scheduler has no front " + key + " v" + version + " after " + timeout);
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
