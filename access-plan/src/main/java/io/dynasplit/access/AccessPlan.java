package io.dynasplit.access;

import io.dynasplit.contracts.Topics;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/**
 * Who may do what on DynaSplit's Kafka, written once: the local broker's ACLs, the tests' expectations, the chart's
 * Strimzi {@code KafkaUser}s and the table in docs/security.md all come from {@link #grants()}.
 *
 * <p>Least privilege, per principal ({@link Principals}):
 * <ul>
 * <li>an edge device reads only its own commands topic and group (literal names: a prefix {@code dynasplit.edge.pi-a}
 * would also match {@code pi-ab}), and writes tensors, results, telemetry and dead letters;</li>
 * <li>the cloud node reads tensors (group {@code dynasplit-cloud}) and writes results, telemetry, dead letters;</li>
 * <li>the scheduler reads requests, results and the Pareto store, writes each listed device's commands, results and
 * dead letters, and owns every topic and group starting with {@value #SCHEDULER_PREFIX} (its per-instance groups, and
 * the changelog and repartition topics of a Kafka Streams application of that id, which it may create);</li>
 * <li>the optimizer writes the Pareto store; an upstream client writes requests and reads results;</li>
 * <li>an operator (a person's tools, {@code ./dynasplit request}) writes requests and reads, without a group, the
 * results, the dead letters and every listed device's commands topic: it follows a request to its decision, result
 * or dead letter, and writes no command.</li>
 * </ul>
 * Every service that runs service-kit's {@code ResultsTracker} (scheduler, edge and cloud nodes) also reads results
 * through a per-instance group {@value #TRACKER_GROUP_PREFIX}{@code <uuid>}, hence a prefixed group grant; the start-up
 * history reader assigns partitions and needs no group. Each service may describe the configs of the topics it uses:
 * its start-up check compares their {@code max.message.bytes} with what it sends. Reading or writing a topic implies
 * describing it (Kafka's rule), so no separate DESCRIBE grant is listed.
 */
public final class AccessPlan {
    /** The scheduler's prefix for groups and, once it runs on Kafka Streams, its application id and internal topics. */
    public static final String SCHEDULER_PREFIX = "dynasplit-scheduler";
    /** {@code mp.messaging.incoming.completed-results.group.id=dynasplit-tracker-${quarkus.uuid}} (service-kit). */
    public static final String TRACKER_GROUP_PREFIX = "dynasplit-tracker-";
    /** {@code mp.messaging.incoming.tensors.group.id} of the cloud node: replicas share the tensor partitions. */
    public static final String CLOUD_GROUP = "dynasplit-cloud";
    /** Upstream clients that commit offsets use groups named so. */
    public static final String UPSTREAM_GROUP_PREFIX = "dynasplit-upstream";

    private final List<String> devices;
    private final List<Grant> grants;

    private AccessPlan(List<String> devices, List<Grant> grants) {
        this.devices = List.copyOf(devices);
        this.grants = List.copyOf(new LinkedHashSet<>(grants));
    }

    /** The plan for these edge devices: every service's principal plus one per device. */
    public static AccessPlan forDevices(Collection<String> edgeDeviceIds) {
        List<String> devices = List.copyOf(new LinkedHashSet<>(edgeDeviceIds));
        Map<String, String> byPrincipal = new HashMap<>();
        for (String device : devices) {
            String other = byPrincipal.put(Principals.edgeDevice(device), device);
            if (other != null) {
                throw new IllegalArgumentException("devices " + other + " and " + device + " would share the principal "
                        + Principals.edgeDevice(device) + "; rename one");
            }
        }
        List<Grant> grants = new ArrayList<>();
        scheduler(grants, devices);
        devices.forEach(device -> edgeDevice(grants, device));
        cloudNode(grants);
        optimizer(grants);
        upstream(grants);
        operator(grants, devices);
        return new AccessPlan(devices, grants);
    }

    /** Edge device ids used when no list is given (local stack, tests). */
    public static final List<String> LOCAL_DEVICES = List.of("pi-a", "pi-b");

    private static void scheduler(List<Grant> g, List<String> devices) {
        String p = Principals.SCHEDULER;
        consumes(g, p, Topics.REQUESTS);
        consumes(g, p, Topics.RESULTS);
        consumes(g, p, Topics.PARETO);
        produces(g, p, Topics.RESULTS);
        produces(g, p, Topics.DEAD_LETTERS);
        produces(g, p, Topics.REPROFILE); // a stale front asks the optimizer for a new one
        for (String device : devices) {
            g.add(Grant.topic(p, Topics.edgeCommands(device), WRITE));
        }
        // dynasplit-scheduler (requests), -pareto-<uuid>, -feedback-<uuid>, and a Streams application's group
        g.add(Grant.groupPrefix(p, SCHEDULER_PREFIX, READ));
        for (AclOperation op : List.of(READ, WRITE, CREATE, DELETE, DESCRIBE_CONFIGS)) {
            g.add(Grant.topicPrefix(p, SCHEDULER_PREFIX, op));
        }
        g.add(Grant.groupPrefix(p, TRACKER_GROUP_PREFIX, READ));
    }

    private static void edgeDevice(List<Grant> g, String device) {
        String p = Principals.edgeDevice(device);
        consumes(g, p, Topics.edgeCommands(device));
        g.add(Grant.group(p, "dynasplit-edge-" + device, READ));
        produces(g, p, Topics.CLOUD_TENSORS);
        produces(g, p, Topics.RESULTS);
        produces(g, p, Topics.TELEMETRY);
        produces(g, p, Topics.DEAD_LETTERS);
        g.add(Grant.topic(p, Topics.RESULTS, READ));
        g.add(Grant.groupPrefix(p, TRACKER_GROUP_PREFIX, READ));
    }

    private static void cloudNode(List<Grant> g) {
        String p = Principals.CLOUD_NODE;
        consumes(g, p, Topics.CLOUD_TENSORS);
        g.add(Grant.group(p, CLOUD_GROUP, READ));
        produces(g, p, Topics.RESULTS);
        produces(g, p, Topics.TELEMETRY);
        produces(g, p, Topics.DEAD_LETTERS);
        g.add(Grant.topic(p, Topics.RESULTS, READ));
        g.add(Grant.groupPrefix(p, TRACKER_GROUP_PREFIX, READ));
    }

    private static void optimizer(List<Grant> g) {
        String p = Principals.OPTIMIZER;
        g.add(Grant.topic(p, Topics.PARETO, WRITE));
        // the re-profiling service: reads what the scheduler asks, and the fronts it already replaced
        consumes(g, p, Topics.REPROFILE);
        g.add(Grant.topic(p, Topics.PARETO, READ));
        g.add(Grant.group(p, "dynasplit-optimizer-reprofile", READ));
        produces(g, p, Topics.DEAD_LETTERS);
    }

    private static void upstream(List<Grant> g) {
        String p = Principals.UPSTREAM;
        g.add(Grant.topic(p, Topics.REQUESTS, WRITE));
        g.add(Grant.topic(p, Topics.RESULTS, READ));
        g.add(Grant.groupPrefix(p, UPSTREAM_GROUP_PREFIX, READ));
    }

    private static void operator(List<Grant> g, List<String> devices) {
        String p = Principals.OPERATOR;
        g.add(Grant.topic(p, Topics.REQUESTS, WRITE));
        g.add(Grant.topic(p, Topics.RESULTS, READ));
        g.add(Grant.topic(p, Topics.DEAD_LETTERS, READ));
        for (String device : devices) {
            g.add(Grant.topic(p, Topics.edgeCommands(device), READ));
        }
    }

    private static void consumes(List<Grant> g, String principal, String topic) {
        g.add(Grant.topic(principal, topic, READ));
        g.add(Grant.topic(principal, topic, DESCRIBE_CONFIGS));
    }

    private static void produces(List<Grant> g, String principal, String topic) {
        g.add(Grant.topic(principal, topic, WRITE));
        g.add(Grant.topic(principal, topic, DESCRIBE_CONFIGS));
    }

    /** This plan plus {@code extra} grants (e.g. a dashboard reading telemetry as the upstream client). */
    public AccessPlan with(Collection<Grant> extra) {
        List<Grant> all = new ArrayList<>(grants);
        all.addAll(extra);
        return new AccessPlan(devices, all);
    }

    public List<String> devices() {
        return devices;
    }

    public List<Grant> grants() {
        return grants;
    }

    /** Every principal of the plan: the services', then one per device. */
    public List<String> principals() {
        List<String> all = new ArrayList<>(Principals.services());
        devices.forEach(d -> all.add(Principals.edgeDevice(d)));
        return all;
    }

    public List<Grant> grantsOf(String principal) {
        return grants.stream().filter(g -> g.principal().equals(principal)).toList();
    }

    /** The ACL bindings a broker gets for this plan, one per grant. */
    public List<AclBinding> aclBindings() {
        return grants.stream().map(Grant::aclBinding).toList();
    }

    /**
     * The plan as a Markdown table, one row per principal and resource: principal, resource type, name (with
     * {@code *} after a prefix), operations. docs/security.md holds it for {@link #LOCAL_DEVICES}.
     */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| principal | resource | name | pattern | operations |\n"
                + "|---|---|---|---|---|\n");
        Map<List<String>, Set<String>> rows = new java.util.LinkedHashMap<>();
        for (Grant g : grants) {
            rows.computeIfAbsent(List.of(g.principal(), g.resourceType().name().toLowerCase(Locale.ROOT),
                    g.resourceName(), g.patternType().name().toLowerCase(Locale.ROOT)), k -> new LinkedHashSet<>())
                    .add(operationName(g.operation()));
        }
        rows.forEach((key, ops) -> table.append("| `").append(key.get(0)).append("` | ").append(key.get(1))
                .append(" | `").append(key.get(2)).append("` | ").append(key.get(3)).append(" | ")
                .append(ops.stream().sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "))).append(" |\n"));
        return table.toString();
    }

    /** Strimzi's spelling of an operation: {@code DescribeConfigs}, {@code Read}. */
    public static String operationName(AclOperation operation) {
        String[] words = operation.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder();
        for (String w : words) {
            name.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return name.toString();
    }

    /** Strimzi's spelling of a pattern type: {@code literal} or {@code prefix}. */
    public static String strimziPatternType(PatternType patternType) {
        return patternType == PatternType.PREFIXED ? "prefix" : "literal";
    }

    /** Strimzi's spelling of a resource type: {@code topic} or {@code group}. */
    public static String strimziResourceType(ResourceType resourceType) {
        return resourceType.name().toLowerCase(Locale.ROOT);
    }
}
