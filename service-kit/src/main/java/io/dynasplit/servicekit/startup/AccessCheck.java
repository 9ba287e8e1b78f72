package io.dynasplit.servicekit.startup;

import io.dynasplit.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At start-up, asks the broker whether this service's credentials may do what its channels will do: read each incoming
 * channel's topic in its group, write each outgoing channel's topic, describe the topics' configs when the limits check
 * runs. Without it a service whose user or ACLs are missing starts, then its consumers and producers retry and log
 * authorisation errors forever; with it the start fails with the topic or group it may not use. Asks through the
 * admin API with {@code includeAuthorizedOperations} (KIP-430), which sends nothing and joins no group. A broker
 * without an authorizer answers no operations: then there is nothing to check.
 */
public final class AccessCheck {
    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final long TIMEOUT_MS = 30_000;

    /** One permission a service needs, and the channel (or check) that needs it. */
    public record Need(ResourceType type, String name, AclOperation operation, String why) {
        String describe() {
            return operation.name() + " on " + type.name().toLowerCase(java.util.Locale.ROOT) + " " + name + " ("
                    + why + ")";
        }
    }

    private AccessCheck() {
    }

    /**
     * What these channels need. Incoming: READ on the topic and on the group ({@code group.id} of the channel, else
     * {@code kafka.group.id}, else the application's name, as SmallRye Kafka picks it). Outgoing: WRITE; the
     * scheduler's {@code commands} channel writes to every device's topic named in {@code dynasplit.scheduler.devices}.
     * With {@code describeConfigs}, DESCRIBE_CONFIGS on each channel's contract topic (the limits check reads them).
     */
    public static List<Need> needs(List<KafkaLimitsCheck.Channel> channels, Function<String, Optional<String>> property,
                                   boolean describeConfigs) {
        Set<Need> needs = new LinkedHashSet<>();
        for (KafkaLimitsCheck.Channel channel : channels) {
            String why = "channel " + channel.name();
            if (channel.direction().equals("incoming")) {
                needs.add(new Need(ResourceType.TOPIC, channel.topic(), AclOperation.READ, why));
                String group = property.apply("mp.messaging.incoming." + channel.name() + ".group.id")
                        .or(() -> property.apply("kafka.group.id"))
                        .or(() -> property.apply("quarkus.application.name")).orElse(channel.name());
                needs.add(new Need(ResourceType.GROUP, group, AclOperation.READ, why));
            } else {
                for (String topic : outgoingTopics(channel, property)) {
                    needs.add(new Need(ResourceType.TOPIC, topic, AclOperation.WRITE, why));
                }
            }
        }
        if (describeConfigs) {
            // the topics StartupChecks describes: each channel's own topic, when it is a contract topic
            for (KafkaLimitsCheck.Channel channel : channels) {
                if (KafkaLimitsCheck.specFor(channel.topic()).isPresent()) {
                    needs.add(new Need(ResourceType.TOPIC, channel.topic(), AclOperation.DESCRIBE_CONFIGS,
                            "the start-up check of max.message.bytes"));
                }
            }
        }
        return List.copyOf(needs);
    }

    private static List<String> outgoingTopics(KafkaLimitsCheck.Channel channel,
                                               Function<String, Optional<String>> property) {
        Optional<String> devices = property.apply("dynasplit.scheduler.devices");
        if (channel.name().equals(KafkaLimitsCheck.COMMANDS_CHANNEL) && devices.isPresent()) {
            return Arrays.stream(devices.get().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(pair -> pair.contains("=") ? pair.substring(0, pair.indexOf('=')).trim() : pair)
                    .filter(Topics::isValidDeviceId).map(Topics::edgeCommands).toList();
        }
        return List.of(channel.topic());
    }

    /** Fails with every need the broker does not grant, naming the user, the topic or group and the channel. */
    public static void verify(Map<String, Object> clientConfig, List<Need> needs) {
        List<String> problems = problems(clientConfig, needs);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Kafka does not allow " + user(clientConfig) + " to do what this service"
                    + " needs: " + String.join("; ", problems) + ". Grant it (docs/security.md, the access plan) or fix"
                    + " kafka.sasl.jaas.config");
        }
    }

    /** The needs the broker does not grant, one message each; empty when all are granted or nothing is enforced. */
    public static List<String> problems(Map<String, Object> clientConfig, List<Need> needs) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS));
        try (Admin admin = Admin.create(props)) {
            Map<String, Set<AclOperation>> topics = topicOperations(admin, names(needs, ResourceType.TOPIC));
            Map<String, Set<AclOperation>> groups = groupOperations(admin, names(needs, ResourceType.GROUP));
            List<String> problems = new ArrayList<>();
            for (Need need : needs) {
                Map<String, Set<AclOperation>> granted = need.type() == ResourceType.TOPIC ? topics : groups;
                if (!granted.containsKey(need.name())) {
                    continue; // unknown to the broker, or no authorizer: other checks speak for it
                }
                Set<AclOperation> ops = granted.get(need.name());
                if (!ops.contains(need.operation()) && !ops.contains(AclOperation.ALL)) {
                    problems.add("may not " + need.describe());
                }
            }
            return problems;
        } catch (AuthenticationException e) {
            throw new IllegalStateException("Kafka refused the login of " + user(clientConfig) + ": " + e.getMessage()
                    + " (kafka.security.protocol, kafka.sasl.mechanism, kafka.sasl.jaas.config)", e);
        }
    }

    private static List<String> names(List<Need> needs, ResourceType type) {
        return needs.stream().filter(n -> n.type() == type).map(Need::name).distinct().toList();
    }

    /** Authorised operations per topic; a topic that may not even be described has none. */
    private static Map<String, Set<AclOperation>> topicOperations(Admin admin, List<String> topics) {
        Map<String, Set<AclOperation>> result = new LinkedHashMap<>();
        var futures = admin.describeTopics(topics, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                .topicNameValues();
        for (String topic : topics) {
            try {
                TopicDescription d = futures.get(topic).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (d.authorizedOperations() != null) {
                    result.put(topic, Set.copyOf(d.authorizedOperations()));
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    result.put(topic, Set.of());
                } else if (e.getCause() instanceof AuthenticationException auth) {
                    throw auth;
                } else if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_MS + " ms (is "
                        + "kafka.security.protocol right?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    private static Map<String, Set<AclOperation>> groupOperations(Admin admin, List<String> groups) {
        Map<String, Set<AclOperation>> result = new LinkedHashMap<>();
        var futures = admin.describeConsumerGroups(groups,
                new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).describedGroups();
        for (String group : groups) {
            try {
                ConsumerGroupDescription d = futures.get(group).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (d.authorizedOperations() != null) {
                    result.put(group, Set.copyOf(d.authorizedOperations()));
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupAuthorizationException) {
                    result.put(group, Set.of());
                } else if (e.getCause() instanceof AuthenticationException auth) {
                    throw auth;
                } else if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw new IllegalStateException("cannot describe group " + group + ": " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_MS + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /** {@code user alice} from the JAAS line, or {@code this client (no SASL user)}. */
    static String user(Map<String, Object> clientConfig) {
        Object jaas = clientConfig.get("sasl.jaas.config");
        Matcher m = jaas == null ? null : JAAS_USER.matcher(jaas.toString());
        return m != null && m.find() ? "user " + m.group(1) : "this client (no SASL user)";
    }
}
