package io.dynasplit.localbroker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates SCRAM credentials and ACLs as a super user, and waits until the broker answers with them: both travel
 * through the KRaft metadata log, so a client that logs in right after the call returns could otherwise still be
 * refused.
 */
final class AccessAdmin implements AutoCloseable {
    private static final long WAIT_MILLIS = 30_000;
    private static final int SCRAM_ITERATIONS = 8192;
    private final Admin admin;

    AccessAdmin(Map<String, Object> adminConfig) {
        Properties props = new Properties();
        props.putAll(adminConfig);
        this.admin = Admin.create(props);
    }

    void createUsers(Collection<KafkaCredentials> users) {
        List<UserScramCredentialAlteration> upserts = users.stream()
                .<UserScramCredentialAlteration>map(u -> new UserScramCredentialUpsertion(u.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), u.password()))
                .toList();
        Set<String> names = new HashSet<>(users.stream().map(KafkaCredentials::username).toList());
        try {
            admin.alterUserScramCredentials(upserts).all().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (true) {
                Map<String, UserScramCredentialsDescription> described = admin.describeUserScramCredentials()
                        .all().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (described.keySet().containsAll(names)) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("SCRAM credentials not visible after " + WAIT_MILLIS + " ms: "
                            + names + " asked, " + described.keySet() + " described");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating SCRAM credentials", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM credentials: " + e, e);
        }
    }

    void grant(Collection<AclBinding> bindings) {
        try {
            admin.createAcls(bindings).all().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (true) {
                Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values()
                        .get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (new HashSet<>(present).containsAll(bindings)) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("ACLs not applied after " + WAIT_MILLIS + " ms");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create ACLs: " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
