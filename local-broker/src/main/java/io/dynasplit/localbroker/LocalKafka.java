package io.dynasplit.localbroker;

import io.dynasplit.access.AccessPlan;
import io.dynasplit.access.Grant;
import io.dynasplit.contracts.TopicSpec;
import io.dynasplit.contracts.Topics;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one node) inside this JVM, for tests and
 * the local stack. No Docker. The broker's message size limit admits the largest intermediate tensor.
 *
 * <p>Plain ({@link #start()}): one PLAINTEXT listener, anyone may do anything. Secured
 * ({@link #startSecured(AccessPlan)}): one SASL_SSL listener with SCRAM-SHA-512 and certificates made at start, the
 * StandardAuthorizer refusing whatever no ACL allows, a credential for every principal of the plan
 * ({@link #credentials(String)}) and the plan's ACLs.
 *
 * <p>The plain broker can be stopped and started again on the same log directory and port ({@link #stop()},
 * {@link #startAgain()}), for tests of what a broker outage does to the services.
 */
public final class LocalKafka implements AutoCloseable {
    // The broker logs hundreds of INFO lines; strong references keep these levels from being garbage-collected.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"), Logger.getLogger("io.smallrye.reactive.messaging.kafka.companion"));

    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(30);

    private final AutoCloseable broker;
    private final String bootstrapServers;
    private long startupMillis;
    private final KafkaCredentials admin;
    private final Map<String, KafkaCredentials> users = new LinkedHashMap<>();

    private LocalKafka(AutoCloseable broker, String bootstrapServers, long startupMillis, KafkaCredentials admin) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.startupMillis = startupMillis;
        this.admin = admin;
    }

    /** Settings both modes share: explicit topics only, and a message size limit that admits the largest tensor. */
    static void sharedSettings(Properties p) {
        // topics are created with explicit settings; a typo must not create a topic silently
        p.put("auto.create.topics.enable", "false");
        p.put("message.max.bytes", Integer.toString(Topics.MAX_TENSOR_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", Integer.toString(Topics.MAX_TENSOR_MESSAGE_BYTES));
        p.put("group.initial.rebalance.delay.ms", "0");
    }

    /** Starts a broker on a free port (0) or the given one, and creates DynaSplit's shared topics. */
    public static LocalKafka start(int port) {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        long t0 = System.nanoTime();
        PlainKraftNode node = PlainKraftNode.start(port, LocalKafka::sharedSettings);
        LocalKafka kafka = new LocalKafka(node, node.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000, null);
        kafka.provision(Topics.all());
        return kafka;
    }

    /** A secured broker on a free port for the plan's principals and devices. */
    public static LocalKafka startSecured(AccessPlan plan) {
        return startSecured(0, plan);
    }

    /**
     * Starts a secured broker on a free port (0) or the given one: creates the shared topics and the plan's devices'
     * commands topics, a SCRAM-SHA-512 credential with a random password for every principal of the plan, and the
     * plan's ACLs, and returns once the broker authenticates and authorises by them.
     */
    public static LocalKafka startSecured(int port, AccessPlan plan) {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        long t0 = System.nanoTime();
        TestCertificates certificates = TestCertificates.generate(CERTIFICATE_VALIDITY);
        KafkaCredentials admin = new KafkaCredentials(SecuredKraftNode.ADMIN, randomPassword(),
                certificates.caCertificatePem());
        SecuredKraftNode node = SecuredKraftNode.start(port, certificates, admin);
        LocalKafka kafka = new LocalKafka(node, node.bootstrapServers(), 0, admin);
        try {
            kafka.provision(Topics.all());
            kafka.provisionDevices(plan.devices());
            try (AccessAdmin access = new AccessAdmin(kafka.adminConfig())) {
                List<KafkaCredentials> created = new ArrayList<>();
                for (String principal : plan.principals()) {
                    created.add(new KafkaCredentials(principal, randomPassword(), certificates.caCertificatePem()));
                }
                access.createUsers(created);
                created.forEach(c -> kafka.users.put(c.username(), c));
                access.grant(plan.aclBindings());
            }
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        kafka.startupMillis = (System.nanoTime() - t0) / 1_000_000;
        return kafka;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static LocalKafka start() {
        return start(0);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Milliseconds from the start call until the broker accepted connections. */
    public long startupMillis() {
        return startupMillis;
    }

    /** Creates the commands topic of each edge device. */
    public void provisionDevices(List<String> edgeDeviceIds) {
        provision(edgeDeviceIds.stream().map(Topics::edgeCommandsSpec).toList());
    }

    public void provision(List<TopicSpec> topics) {
        try (TopicProvisioner provisioner = new TopicProvisioner(adminConfig())) {
            provisioner.ensure(topics);
        }
    }

    public boolean isSecured() {
        return admin != null;
    }

    /**
     * Settings of a client that may do anything: bootstrap servers, plus a super user's credentials on a secured
     * broker. For provisioning and inspection; services get {@link #credentials(String)}.
     */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (admin != null) {
            config.putAll(admin.clientProperties());
        }
        return config;
    }

    /** The credentials of one principal of the plan; only on a secured broker. */
    public KafkaCredentials credentials(String principal) {
        if (admin == null) {
            throw new IllegalStateException("a plain broker has no credentials; start it with startSecured");
        }
        KafkaCredentials c = users.get(principal);
        if (c == null) {
            throw new IllegalArgumentException("no principal " + principal + "; the plan has " + users.keySet());
        }
        return c;
    }

    /** The CA certificate (PEM) clients trust; only on a secured broker. */
    public String trustedCertificatesPem() {
        if (admin == null) {
            throw new IllegalStateException("a plain broker has no certificates; start it with startSecured");
        }
        return admin.trustedCertificatesPem();
    }

    /** Adds ACLs beyond the plan (e.g. a telemetry reader) and waits until the broker applies them. */
    public void grant(Collection<Grant> grants) {
        try (AccessAdmin access = new AccessAdmin(adminConfig())) {
            access.grant(grants.stream().map(Grant::aclBinding).toList());
        }
    }

    /**
     * Shuts the broker down (a controlled shutdown; clients then find connections refused), keeping its log directory,
     * cluster id and ports for {@link #startAgain()}. Only the plain broker: the secured node has no restart (its
     * certificates live only in the running node's settings), and refuses rather than come back half-configured.
     */
    public void stop() {
        plainNode("stop").stop();
    }

    /**
     * Starts the stopped broker again on the same log directory and port: its topics, records and committed offsets
     * are back, and clients that kept its address reconnect by themselves. Returns once the broker accepts
     * connections again (after waiting, if need be, for its ports to be released).
     */
    public void startAgain() {
        plainNode("start again").startAgain();
    }

    /** False between {@link #stop()} and {@link #startAgain()}. */
    public boolean isRunning() {
        return !(broker instanceof PlainKraftNode) || ((PlainKraftNode) broker).isRunning();
    }

    private PlainKraftNode plainNode(String action) {
        if (!(broker instanceof PlainKraftNode)) {
            throw new UnsupportedOperationException("only the plain local broker can " + action);
        }
        return (PlainKraftNode) broker;
    }

    @Override
    public void close() {
        try {
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the local broker: " + e.getMessage(), e);
        }
    }
}
