package io.dynasplit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static io.dynasplit.k8s.Chart.render;
import static io.dynasplit.k8s.Chart.sets;
import static io.dynasplit.k8s.Rendered.container;
import static io.dynasplit.k8s.Rendered.env;
import static io.dynasplit.k8s.Rendered.podSpec;
import static io.dynasplit.k8s.Rendered.stringMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge-node DaemonSet: which nodes, which device id, and how little of the host it sees. */
class EdgeNodeDaemonSetTest {

    private static JsonNode edge(Map<String, ?> sets) {
        return render(sets).get("DaemonSet", "dynasplit-edge-node");
    }

    @Test
    void runsOnlyOnNodesWithTheEdgeLabel() {
        assertEquals(Map.of("dynasplit.io/edge", "true"),
                stringMap(podSpec(edge(Map.of())).path("nodeSelector")));
    }

    @Test
    void theEdgeLabelAndExtraSelectorsAreConfigurable() {
        JsonNode daemonSet = edge(sets("edge.nodeLabel.key", "node-role.example.com/edge", "edge.nodeLabel.value",
                "pi", "edge.nodeSelector.kubernetes\\.io/arch", "arm64"));

        assertEquals(Map.of("node-role.example.com/edge", "pi", "kubernetes.io/arch", "arm64"),
                stringMap(podSpec(daemonSet).path("nodeSelector")));
    }

    @Test
    void theDeviceIdIsTheNodeName() {
        JsonNode deviceId = env(container(edge(Map.of()), "edge-node")).get("DYNASPLIT_EDGE_DEVICE_ID");

        assertEquals("spec.nodeName", deviceId.path("valueFrom").path("fieldRef").path("fieldPath").asText());
    }

    @Test
    void byDefaultOnlyCpufreqIsMountedReadWriteAndNothingIsPrivileged() {
        JsonNode daemonSet = edge(Map.of());
        JsonNode container = container(daemonSet, "edge-node");

        assertEquals(Map.of("cpufreq", "/sys/devices/system/cpu"), hostPaths(daemonSet));
        assertEquals("/sys/devices/system/cpu", container.path("volumeMounts").get(0).path("mountPath").asText());
        assertFalse(container.path("volumeMounts").get(0).path("readOnly").asBoolean(false));
        assertFalse(container.path("securityContext").path("privileged").asBoolean(false));
        assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", container.path("securityContext").path("capabilities").path("drop").get(0).asText());
        assertTrue(container.path("securityContext").path("capabilities").path("add").isMissingNode());
        JsonNode pod = podSpec(daemonSet);
        assertFalse(pod.path("hostNetwork").asBoolean(false));
        assertFalse(pod.path("hostPID").asBoolean(false));
        assertEquals(0, pod.path("securityContext").path("runAsUser").asInt(-1), "sysfs knobs are root's");
    }

    @Test
    void powercapIsMountedReadOnlyWhenTurnedOn() {
        JsonNode daemonSet = edge(sets("edge.hostAccess.powercap", true));
        JsonNode powercap = null;
        for (JsonNode mount : container(daemonSet, "edge-node").path("volumeMounts")) {
            if (mount.path("name").asText().equals("powercap")) {
                powercap = mount;
            }
        }

        assertEquals(Map.of("cpufreq", "/sys/devices/system/cpu", "powercap", "/sys/class/powercap"),
                hostPaths(daemonSet));
        assertEquals("/sys/class/powercap", powercap.path("mountPath").asText());
        assertTrue(powercap.path("readOnly").asBoolean());
    }

    @Test
    void withoutHostAccessThePodSeesNoHostPathAndRunsAsNonRoot() {
        JsonNode daemonSet = edge(sets("edge.hostAccess.cpufreq", false, "edge.hardware", "emulated"));

        assertEquals(Map.of(), hostPaths(daemonSet));
        assertTrue(podSpec(daemonSet).path("securityContext").path("runAsNonRoot").asBoolean());
        assertEquals("emulated",
                env(container(daemonSet, "edge-node")).get("DYNASPLIT_EDGE_HARDWARE").path("value").asText());
    }

    @Test
    void privilegedOnlyWhenAValueSaysSo() {
        JsonNode daemonSet = edge(sets("edge.privileged", true));

        assertTrue(container(daemonSet, "edge-node").path("securityContext").path("privileged").asBoolean());
    }

    @Test
    void anAppArmorProfileCanBeGivenInsteadOfPrivileged() {
        JsonNode daemonSet = edge(sets("edge.appArmorProfile.type", "Unconfined"));

        assertEquals("Unconfined",
                podSpec(daemonSet).path("securityContext").path("appArmorProfile").path("type").asText());
        assertFalse(container(daemonSet, "edge-node").path("securityContext").path("privileged").asBoolean(false));
    }

    @Test
    void theOtherServicesNeverTouchTheHost() {
        Rendered rendered = Chart.renderDefaults();
        for (JsonNode workload : rendered.workloads()) {
            if (!workload.path("kind").asText().equals("DaemonSet")) {
                assertEquals(Map.of(), hostPaths(workload), workload.path("metadata").path("name").asText());
                assertTrue(podSpec(workload).path("securityContext").path("runAsNonRoot").asBoolean());
            }
        }
    }

    private static Map<String, String> hostPaths(JsonNode workload) {
        Map<String, String> paths = new TreeMap<>();
        podSpec(workload).path("volumes").forEach(v -> {
            if (v.has("hostPath")) {
                paths.put(v.path("name").asText(), v.path("hostPath").path("path").asText());
            }
        });
        return paths;
    }
}
