package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dynasplit.k8s.Chart.render;
import static io.dynasplit.k8s.Chart.sets;
import static io.dynasplit.k8s.Rendered.container;
import static io.dynasplit.k8s.Rendered.env;
import static io.dynasplit.k8s.Rendered.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The models volume: imported ONNX models reach the scheduler and both nodes, read-only, at one path. */
class ModelsVolumeTest {
    private static final List<String[]> WORKLOADS = List.of(
            new String[] {"Deployment", "dynasplit-scheduler", "scheduler"},
            new String[] {"Deployment", "dynasplit-cloud-node", "cloud-node"},
            new String[] {"DaemonSet", "dynasplit-edge-node", "edge-node"});

    @Test
    void noModelsVolumeByDefault() {
        Rendered chart = render(Map.of());
        for (String[] w : WORKLOADS) {
            JsonNode workload = chart.get(w[0], w[1]);
            assertFalse(env(container(workload, w[2])).containsKey("DYNASPLIT_MODELS_DIR"), w[1]);
            assertFalse(podSpec(workload).path("volumes").toString().contains("models"), w[1]);
        }
    }

    @Test
    void aClaimIsMountedReadOnlyWhereEveryServiceLooksForModels() {
        Rendered chart = render(sets("models.claimName", "dynasplit-models", "models.mountPath", "/models"));
        for (String[] w : WORKLOADS) {
            JsonNode workload = chart.get(w[0], w[1]);
            JsonNode container = container(workload, w[2]);
            assertEquals("/models", env(container).get("DYNASPLIT_MODELS_DIR").path("value").asText(), w[1]);
            JsonNode mount = find(container.path("volumeMounts"), "models");
            assertEquals("/models", mount.path("mountPath").asText(), w[1]);
            assertTrue(mount.path("readOnly").asBoolean(), w[1]);
            JsonNode volume = find(podSpec(workload).path("volumes"), "models");
            assertEquals("dynasplit-models", volume.path("persistentVolumeClaim").path("claimName").asText(), w[1]);
        }
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (name.equals(item.path("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no '" + name + "' in " + list);
    }
}
