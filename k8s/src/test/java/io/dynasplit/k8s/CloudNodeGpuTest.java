package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.dynasplit.k8s.Chart.render;
import static io.dynasplit.k8s.Chart.sets;
import static io.dynasplit.k8s.Rendered.container;
import static io.dynasplit.k8s.Rendered.env;
import static io.dynasplit.k8s.Rendered.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cloud-node Deployment's GPU request toggle and its per-replica identity. */
class CloudNodeGpuTest {

    private static JsonNode cloud(Map<String, ?> sets) {
        return render(sets).get("Deployment", "dynasplit-cloud-node");
    }

    @Test
    void noGpuIsRequestedByDefault() {
        JsonNode deployment = cloud(Map.of());
        JsonNode resources = container(deployment, "cloud-node").path("resources");

        assertFalse(resources.path("limits").has("nvidia.com/gpu"));
        assertFalse(resources.path("requests").has("nvidia.com/gpu"));
        assertTrue(podSpec(deployment).path("tolerations").isMissingNode());
        assertTrue(podSpec(deployment).path("runtimeClassName").isMissingNode());
    }

    @Test
    void turningTheGpuOnRequestsItToleratesGpuNodesAndKeepsMemoryLimits() {
        JsonNode deployment = cloud(sets("cloud.gpu.enabled", true, "cloud.gpu.count", 2,
                "cloud.gpu.runtimeClassName", "nvidia"));
        JsonNode limits = container(deployment, "cloud-node").path("resources").path("limits");

        assertEquals(2, limits.path("nvidia.com/gpu").asInt());
        assertEquals("4Gi", limits.path("memory").asText());
        assertEquals("nvidia", podSpec(deployment).path("runtimeClassName").asText());
        JsonNode toleration = podSpec(deployment).path("tolerations").get(0);
        assertEquals("nvidia.com/gpu", toleration.path("key").asText());
        assertEquals("NoSchedule", toleration.path("effect").asText());
    }

    @Test
    void eachReplicaIsItsOwnCloudNodeAndEnergyAccountingIsAValue() {
        Map<String, JsonNode> env = env(container(cloud(sets("cloud.energyAccounting", "gpu-marginal")),
                "cloud-node"));

        assertEquals("metadata.name",
                env.get("DYNASPLIT_CLOUD_NODE_ID").path("valueFrom").path("fieldRef").path("fieldPath").asText());
        assertEquals("gpu-marginal", env.get("DYNASPLIT_CLOUD_ENERGY_ACCOUNTING").path("value").asText());
    }
}
