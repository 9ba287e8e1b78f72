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

/** The cloud-node Deployment's GPU request toggle, the image it runs, and its per-replica identity. */
class CloudNodeGpuTest {
    private static final String TAG = "0.1.0-SNAPSHOT";

    private static JsonNode cloud(Map<String, ?> sets) {
        return render(sets).get("Deployment", "dynasplit-cloud-node");
    }

    private static String image(Map<String, ?> sets) {
        return container(cloud(sets), "cloud-node").path("image").asText();
    }

    @Test
    void theCpuImageRunsWithoutAGpuAndTheCudaBuildWithOne() {
        assertEquals("dynasplit/cloud-node:" + TAG, image(Map.of()));
        assertEquals("dynasplit/cloud-node-cuda:" + TAG, image(sets("cloud.gpu.enabled", true)));
    }

    @Test
    void theCudaImageComesFromTheSameRegistryAndTagAndItsSuffixIsAValue() {
        assertEquals("registry.example.com:5000/dynasplit/cloud-node-cuda:1.2.3", image(sets("cloud.gpu.enabled", true,
                "image.registry", "registry.example.com:5000", "image.tag", "1.2.3")));
        assertEquals("dynasplit/cloud-node-gpu:" + TAG,
                image(sets("cloud.gpu.enabled", true, "cloud.gpu.imageSuffix", "-gpu")));
        // an empty suffix keeps the CPU image on a GPU node; a suffix alone does not switch images
        assertEquals("dynasplit/cloud-node:" + TAG, image(sets("cloud.gpu.enabled", true, "cloud.gpu.imageSuffix", "")));
        assertEquals("dynasplit/cloud-node:" + TAG, image(sets("cloud.gpu.imageSuffix", "-gpu")));
    }

    @Test
    void onlyTheCloudNodeChangesImage() {
        Rendered chart = render(sets("cloud.gpu.enabled", true));
        assertEquals("dynasplit/scheduler:" + TAG,
                container(chart.get("Deployment", "dynasplit-scheduler"), "scheduler").path("image").asText());
        assertEquals("dynasplit/edge-node:" + TAG,
                container(chart.get("DaemonSet", "dynasplit-edge-node"), "edge-node").path("image").asText());
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
