package io.dynasplit.access;

import io.dynasplit.contracts.Topics;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessPlanTest {
    final AccessPlan plan = AccessPlan.forDevices(List.of("pi-a", "pi-ab"));

    /** Which principals may do {@code op} on the topic {@code name}, with literal or prefix grants. */
    Set<String> allowed(AclOperation op, ResourceType type, String name) {
        return plan.grants().stream().filter(g -> g.operation() == op && g.resourceType() == type)
                .filter(g -> g.patternType() == PatternType.LITERAL ? g.resourceName().equals(name)
                        : name.startsWith(g.resourceName()))
                .map(Grant::principal).collect(Collectors.toSet());
    }

    @Test
    void aDeviceReadsOnlyItsOwnCommandsTopicAndGroupByLiteralName() {
        // and the operator's tools, which watch every device's commands and write none
        assertEquals(Set.of("dynasplit-edge-pi-a", Principals.OPERATOR),
                allowed(AclOperation.READ, ResourceType.TOPIC, "dynasplit.edge.pi-a.commands"));
        assertEquals(Set.of("dynasplit-edge-pi-ab", Principals.OPERATOR),
                allowed(AclOperation.READ, ResourceType.TOPIC, "dynasplit.edge.pi-ab.commands"));
        assertEquals(Set.of("dynasplit-edge-pi-a"), allowed(AclOperation.READ, ResourceType.GROUP, "dynasplit-edge-pi-a"));
        assertTrue(plan.grantsOf("dynasplit-edge-pi-a").stream()
                .filter(g -> g.resourceName().startsWith("dynasplit.edge."))
                .allMatch(g -> g.patternType() == PatternType.LITERAL));
    }

    @Test
    void onlyTheSchedulerWritesCommandsAndOnlyTheOptimizerThePareStore() {
        assertEquals(Set.of(Principals.SCHEDULER), allowed(AclOperation.WRITE, ResourceType.TOPIC, "dynasplit.edge.pi-a.commands"));
        assertEquals(Set.of(Principals.OPTIMIZER), allowed(AclOperation.WRITE, ResourceType.TOPIC, Topics.PARETO));
        assertEquals(Set.of(Principals.UPSTREAM, Principals.OPERATOR),
                allowed(AclOperation.WRITE, ResourceType.TOPIC, Topics.REQUESTS));
        assertEquals(Set.of(Principals.SCHEDULER), allowed(AclOperation.READ, ResourceType.TOPIC, Topics.REQUESTS));
        assertEquals(Set.of(Principals.CLOUD_NODE), allowed(AclOperation.READ, ResourceType.TOPIC, Topics.CLOUD_TENSORS));
    }

    @Test
    void resultsAreWrittenByTheNodesAndTheSchedulerAndOnlyTheOperatorReadsDeadLetters() {
        assertEquals(Set.of(Principals.SCHEDULER, Principals.CLOUD_NODE, "dynasplit-edge-pi-a", "dynasplit-edge-pi-ab"),
                allowed(AclOperation.WRITE, ResourceType.TOPIC, Topics.RESULTS));
        assertEquals(Set.of(), allowed(AclOperation.READ, ResourceType.TOPIC, Topics.TELEMETRY));
        assertEquals(Set.of(Principals.OPERATOR), allowed(AclOperation.READ, ResourceType.TOPIC, Topics.DEAD_LETTERS));
        assertTrue(plan.grantsOf(Principals.OPERATOR).stream().noneMatch(g -> g.operation() == AclOperation.WRITE
                && !g.resourceName().equals(Topics.REQUESTS)), "the operator writes requests only");
    }

    @Test
    void theSchedulerOwnsItsPrefixForGroupsAndStreamsTopics() {
        assertEquals(Set.of(Principals.SCHEDULER), allowed(AclOperation.READ, ResourceType.GROUP, "dynasplit-scheduler-feedback-42"));
        assertEquals(Set.of(Principals.SCHEDULER), allowed(AclOperation.CREATE, ResourceType.TOPIC,
                "dynasplit-scheduler-ledger-changelog"));
        assertEquals(Set.of(), allowed(AclOperation.CREATE, ResourceType.TOPIC, Topics.REQUESTS));
    }

    @Test
    void deviceIdsBecomeDnsNamesAndTwoThatCollideAreRefused() {
        assertEquals("dynasplit-edge-pi-b", Principals.edgeDevice("Pi_B"));
        assertThrows(IllegalArgumentException.class, () -> AccessPlan.forDevices(List.of("pi-b", "Pi_B")));
        assertThrows(IllegalArgumentException.class, () -> Principals.edgeDevice("a.b"));
    }

    @Test
    void everyGrantBecomesOneAllowBindingForItsUser() {
        assertEquals(plan.grants().size(), plan.aclBindings().size());
        assertTrue(plan.aclBindings().stream().allMatch(b -> b.entry().principal().startsWith("User:dynasplit-")));
        assertFalse(plan.with(List.of(Grant.topic(Principals.UPSTREAM, Topics.TELEMETRY, AclOperation.READ)))
                .grantsOf(Principals.UPSTREAM).isEmpty());
    }

    @Test
    void docsSecurityHoldsThePlanTable() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../docs/security.md").normalize();
        String table = AccessPlan.forDevices(AccessPlan.LOCAL_DEVICES).markdownTable();
        assertTrue(Files.readString(doc).contains(table), "docs/security.md must hold this table (the plan for "
                + AccessPlan.LOCAL_DEVICES + "):\n" + table);
    }
}
