package io.dynasplit.access;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.Objects;

/**
 * One permission of one principal: an operation on a topic or group, matched literally or by prefix. Always an
 * ALLOW from any host: the authorizer refuses whatever no grant allows.
 */
public record Grant(String principal, ResourceType resourceType, String resourceName, PatternType patternType,
                    AclOperation operation) {

    public Grant {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(resourceName, "resourceName");
        if (resourceType != ResourceType.TOPIC && resourceType != ResourceType.GROUP) {
            throw new IllegalArgumentException("grants name topics or groups, got " + resourceType);
        }
        if (patternType != PatternType.LITERAL && patternType != PatternType.PREFIXED) {
            throw new IllegalArgumentException("grants match literally or by prefix, got " + patternType);
        }
    }

    public static Grant topic(String principal, String topic, AclOperation operation) {
        return new Grant(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation);
    }

    public static Grant topicPrefix(String principal, String prefix, AclOperation operation) {
        return new Grant(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, operation);
    }

    public static Grant group(String principal, String group, AclOperation operation) {
        return new Grant(principal, ResourceType.GROUP, group, PatternType.LITERAL, operation);
    }

    public static Grant groupPrefix(String principal, String prefix, AclOperation operation) {
        return new Grant(principal, ResourceType.GROUP, prefix, PatternType.PREFIXED, operation);
    }

    /** This grant as the ACL binding the broker is given. */
    public AclBinding aclBinding() {
        return new AclBinding(new ResourcePattern(resourceType, resourceName, patternType),
                new AccessControlEntry(Principals.kafkaPrincipal(principal), "*", operation, AclPermissionType.ALLOW));
    }
}
