package io.dynasplit.servicekit.startup;

import io.dynasplit.contracts.TopicSpec;
import io.dynasplit.contracts.Topics;
import io.dynasplit.localbroker.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At start-up: fails fast when a contract topic is renamed (the setting would be ignored, or starve an edge node) or
 * when client or topic size limits cannot carry the largest record a channel may see (a too-small limit otherwise
 * shows up only as stuck or rejected tensors), and optionally creates DynaSplit's topics.
 */
@ApplicationScoped
public class StartupChecks {
    private static final Logger LOG = Logger.getLogger(StartupChecks.class);
    private static final Pattern CHANNEL_TOPIC = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");

    @Inject
    Config config;

    void onStart(@Observes StartupEvent event) {
        List<KafkaLimitsCheck.Channel> channels = configuredChannels();
        List<String> renamed = ContractTopicsCheck.problems(channels,
                config.getOptionalValue("dynasplit.edge.device-id", String.class));
        if (!renamed.isEmpty()) {
            throw new IllegalStateException("contract topics cannot be renamed: " + String.join("; ", renamed));
        }
        List<String> problems = KafkaLimitsCheck.problems(channels, key -> config.getOptionalValue(key, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Kafka size limits are inconsistent: " + String.join("; ", problems));
        }
        boolean provision = config.getOptionalValue("dynasplit.topics.provision", Boolean.class).orElse(false);
        boolean check = config.getOptionalValue("dynasplit.topics.check", Boolean.class).orElse(true);
        if (config.getOptionalValue("dynasplit.access.check", Boolean.class).orElse(true)) {
            // before anything connects: missing credentials or ACLs fail here, naming the topic or group
            AccessCheck.verify(adminConfig(), AccessCheck.needs(channels,
                    key -> config.getOptionalValue(key, String.class), check && !provision));
        }
        if (!provision && !check) {
            return;
        }
        List<TopicSpec> topics = channels.stream().map(c -> KafkaLimitsCheck.specFor(c.topic()))
                .flatMap(java.util.Optional::stream).distinct().toList();
        try (TopicProvisioner provisioner = new TopicProvisioner(adminConfig())) {
            if (provision) {
                provisioner.ensure(topics);
                LOG.infof("topics provisioned: %s", topics.stream().map(TopicSpec::name).toList());
            } else {
                provisioner.checkMessageSizes(topics);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot check the topics' limits (set dynasplit.topics.provision=true to "
                    + "create them, or dynasplit.topics.check=false to skip): " + e.getMessage(), e);
        }
    }

    private List<KafkaLimitsCheck.Channel> configuredChannels() {
        List<KafkaLimitsCheck.Channel> channels = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = CHANNEL_TOPIC.matcher(name);
            if (m.matches() && config.getOptionalValue("mp.messaging." + m.group(1) + "." + m.group(2) + ".enabled",
                    Boolean.class).orElse(true)) {
                channels.add(new KafkaLimitsCheck.Channel(m.group(1), m.group(2), config.getValue(name, String.class)));
            }
        }
        return channels;
    }

    private Map<String, Object> adminConfig() {
        return KafkaClientConfig.from(config);
    }
}
