package io.dynasplit.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * k8s/manifests/dynasplit.yaml is the chart rendered with its defaults plus k8s/manifests/values.yaml.
 * Regenerate it with {@code ./mvnw -f k8s/pom.xml test -Dtest=ManifestsInSyncTest -Dk8s.manifests.update=true}.
 */
class ManifestsInSyncTest {
    static final String HEADER = """
            # GENERATED - do not edit. The DynaSplit Helm chart (k8s/helm/dynasplit) rendered as
            #   helm template dynasplit k8s/helm/dynasplit --namespace dynasplit -f k8s/manifests/values.yaml
            # Regenerate: ./mvnw -f k8s/pom.xml test -Dtest=ManifestsInSyncTest -Dk8s.manifests.update=true
            # Apply: kubectl create namespace dynasplit; kubectl apply -n dynasplit -f k8s/manifests/dynasplit.yaml
            """;

    @Test
    void plainManifestsEqualAFreshRenderOfTheChart() throws IOException {
        Path manifests = Chart.manifestsDir().resolve("dynasplit.yaml");
        String fresh = HEADER + Chart.template(Map.of(), Chart.requiredValues());

        if (Boolean.getBoolean("k8s.manifests.update")) {
            Files.writeString(manifests, fresh, StandardCharsets.UTF_8);
        }
        String committed = Files.readString(manifests, StandardCharsets.UTF_8);
        if (!committed.equals(fresh)) {
            fail("k8s/manifests/dynasplit.yaml is stale (" + firstDifference(committed, fresh) + "): regenerate it with "
                    + "./mvnw -f k8s/pom.xml test -Dtest=ManifestsInSyncTest -Dk8s.manifests.update=true");
        }
    }

    private static String firstDifference(String committed, String fresh) {
        List<String> a = committed.lines().toList();
        List<String> b = fresh.lines().toList();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "line " + (i + 1) + ": committed '" + a.get(i) + "', fresh '" + b.get(i) + "'";
            }
        }
        return "committed has " + a.size() + " lines, fresh " + b.size();
    }
}
