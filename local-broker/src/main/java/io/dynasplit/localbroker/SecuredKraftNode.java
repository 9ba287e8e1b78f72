package io.dynasplit.localbroker;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A single KRaft node (broker and controller) whose only client listener is SASL_SSL with SCRAM-SHA-512, behind the
 * StandardAuthorizer with no access where no ACL matches. smallrye's EmbeddedKafkaBroker formats storage without
 * SCRAM credentials, and a SCRAM listener needs one credential before anything can log in to create the others; so
 * this node formats its own storage with the admin's credential (KIP-900) and reuses only the companion's default
 * broker settings. The controller listener stays PLAINTEXT on loopback (SCRAM between KRaft controllers is not
 * supported), and its principal, ANONYMOUS, is a super user, as is {@value #ADMIN}.
 */
final class SecuredKraftNode implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String LISTENER = "SASL_SSL";
    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;

    private SecuredKraftNode(KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    static SecuredKraftNode start(int port, TestCertificates certificates, KafkaCredentials admin) {
        int brokerPort = port > 0 ? port : freePort();
        int controllerPort = freePort();
        Endpoint controller = new Endpoint(CONTROLLER, SecurityProtocol.PLAINTEXT, "localhost", controllerPort);
        Endpoint secure = new Endpoint(LISTENER, SecurityProtocol.SASL_SSL, "localhost", brokerPort);
        Properties p = EmbeddedKafkaBroker.createDefaultBrokerConfig(1, controller, secure, List.of(secure));
        p.put("listeners", "SASL_SSL://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER);
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("inter.broker.listener.name", LISTENER);
        p.put("sasl.enabled.mechanisms", KafkaCredentials.SASL_MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", KafkaCredentials.SASL_MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", admin.jaasConfig());
        p.put("ssl.keystore.type", "PEM");
        p.put("ssl.keystore.certificate.chain", certificates.serverCertificateChainPem());
        p.put("ssl.keystore.key", certificates.serverPrivateKeyPem());
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.certificates", certificates.caCertificatePem());
        p.put("ssl.client.auth", "none");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        LocalKafka.sharedSettings(p);
        Path logDir;
        try {
            logDir = Files.createTempDirectory("dynasplit-secured-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.put("log.dir", logDir.toString());
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        Formatter formatter = new Formatter().setClusterId(org.apache.kafka.common.Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setControllerListenerName(CONTROLLER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDir.toString()))
                .setScramArguments(List.of(KafkaCredentials.SASL_MECHANISM + "=[name=" + ADMIN + ",password="
                        + admin.password() + "]"))
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the secured broker's storage: " + e.getMessage(), e);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new SecuredKraftNode(server, logDir, "localhost:" + brokerPort);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            try {
                Utils.delete(logDir.toFile());
            } catch (IOException e) {
                // a temporary folder: left for the OS
            }
        }
    }

}
