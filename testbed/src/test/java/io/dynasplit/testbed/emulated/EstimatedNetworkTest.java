package io.dynasplit.testbed.emulated;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.Models;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.testbed.Prediction;
import io.dynasplit.testbed.TestbedModel;
import io.dynasplit.testbed.Testbeds;
import io.dynasplit.testbed.estimate.EstimatedNetwork;
import io.dynasplit.testbed.estimate.EstimatedNetworks;
import io.dynasplit.testbed.estimate.SplitPointCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A network registered at run time from its split point table gets {@code estimated:} costs on the paper testbed. */
class EstimatedNetworkTest {
    private final List<String> registered = new ArrayList<>();

    @AfterEach
    void forget() {
        registered.forEach(EstimatedNetworks::unregister);
    }

    /** The split point table an importer would write for a network of this shape. */
    static List<SplitPointCost> table(NetworkShape shape) {
        long totalMacs = Math.round(shape.totalMacsM() * 1e6);
        long totalParamBytes = Math.round(shape.headWeightsM(shape.lastLayer()) * 4e6);
        List<SplitPointCost> points = new ArrayList<>();
        for (int l = 0; l <= shape.lastLayer(); l++) {
            long elements = shape.layer(l).outElements();
            long head = Math.round(shape.headMacsM(l) * 1e6);
            long headParams = Math.round(shape.headWeightsM(l) * 4e6);
            points.add(new SplitPointCost(l, elements * 4, elements, head, totalMacs - head, headParams,
                    totalParamBytes - headParams));
        }
        return points;
    }

    private ModelDescriptor register(String name, NetworkShape shape, WireDtype wire) {
        ModelDescriptor d = new ModelDescriptor(name, shape.lastLayer(), false, wire, List.of(3, 224, 224), 1000);
        Models.register(d);
        EstimatedNetworks.register(name, table(shape));
        registered.add(name);
        return d;
    }

    @Test
    void aRegisteredNetworkIsPredictedForEveryConfigurationWithEstimatedLabels() {
        ModelDescriptor d = register("test-vgg-like", NetworkShapes.vgg16(), WireDtype.INT8);
        TestbedModel testbed = Testbeds.create("paper");
        assertTrue(testbed.supports(d));
        assertTrue(((PaperTestbed) testbed).isEstimated(d.name()));
        assertFalse(((PaperTestbed) testbed).isCalibrated(d.name()));
        List<SplitConfig> configs = testbed.configurations(d);
        assertEquals(14 * d.lastLayer() + 7, configs.size(), "7 clocks x 2 cloud devices per split, edge-only x 7");
        for (SplitConfig c : configs) {
            Prediction p = testbed.predict(c);
            assertEquals("estimated:paper", p.source(), c.label());
            assertTrue(p.estimated());
            assertTrue(p.latencyMs() > 0 && Double.isFinite(p.latencyMs()), c.label());
            assertTrue(p.energyJ() > 0 && Double.isFinite(p.energyJ()), c.label());
            assertTrue(Double.isNaN(p.accuracy()), "an estimate knows no accuracy");
            assertEquals("estimated:paper", testbed.sample(c, new SplittableRandom(1)).source());
        }
        assertEquals("estimated:paper-pi4-coral", testbed.edgeSource(d.name()));
        assertEquals("estimated:paper-gpu-node", testbed.cloudSource(d.name()));
        assertEquals("emulated:paper", testbed.predict(new SplitConfig("vgg16", 5, 1800, AcceleratorMode.OFF, true)).source());
        assertEquals("emulated:paper-pi4-coral", testbed.edgeSource("vgg16"));
    }

    @Test
    void theEstimateFollowsTheTableAndTheFloatHeadRate() {
        ModelDescriptor d = register("test-vit-like", NetworkShapes.vitB16(), WireDtype.FP32);
        PaperTestbed testbed = new PaperTestbed();
        SplitConfig first = new SplitConfig(d.name(), 5, 1800, AcceleratorMode.OFF, true);
        SplitConfig later = new SplitConfig(d.name(), 16, 1800, AcceleratorMode.OFF, true);
        Prediction p5 = testbed.predict(first);
        Prediction p16 = testbed.predict(later);
        assertTrue(p16.edgeLatencyMs() > 5 * p5.edgeLatencyMs(), "more head MACs, more edge time");
        assertTrue(p16.cloudLatencyMs() < p5.cloudLatencyMs(), "fewer tail MACs, less cloud time");
        assertEquals(testbed.predict(new SplitConfig("vit-b16", 5, 1800, AcceleratorMode.OFF, true)).tensorKb(),
                p5.tensorKb(), 1e-9, "fp32 on the wire: the measured ViT's tensor");
        // the float head is priced with the float network's rate: vit-b16's own edge time within a few percent
        double measured = new PaperTestbed().predict(new SplitConfig("vit-b16", 16, 1800, AcceleratorMode.OFF, true))
                .edgeLatencyMs();
        assertEquals(1, p16.edgeLatencyMs() / measured, 0.05);
    }

    @Test
    void edgeAndCloudNodesLabelTheirRunsEstimated() {
        ModelDescriptor d = register("test-nodes", NetworkShapes.fmnistCnn(), WireDtype.INT8);
        PaperTestbed testbed = new PaperTestbed();
        SplitConfig c = new SplitConfig(d.name(), 3, 1200, AcceleratorMode.OFF, false);
        EmulationOptions options = EmulationOptions.defaults().withClock(() -> 1_000_000L);
        EdgeRun edge = new EmulatedEdgeDevice(testbed, "pi-1", options).run(c, 1_000_000L);
        CloudRun cloud = new EmulatedCloudNode(testbed, 1, options).run(c, 1000, 1_000_000L);
        assertEquals("estimated:paper-pi4-coral", edge.source());
        assertEquals("estimated:paper-gpu-node", cloud.source());
        assertEquals(testbed.predict(c).edgeLatencyMs(), edge.edgeMs(), 1e-9);
        EdgeRun builtIn = new EmulatedEdgeDevice(testbed, "pi-2", options)
                .run(new SplitConfig("fmnist-cnn", 3, 1200, AcceleratorMode.OFF, false), 1_000_000L);
        assertEquals("emulated:paper-pi4-coral", builtIn.source());
    }

    @Test
    void theAcceleratorIsRefusedAndAMismatchedTableIsExplained() {
        ModelDescriptor d = register("test-refusals", NetworkShapes.vgg16(), WireDtype.INT8);
        PaperTestbed testbed = new PaperTestbed();
        SplitConfig tpu = new SplitConfig(d.name(), 5, 1800, AcceleratorMode.MAX, true);
        assertTrue(testbed.validate(tpu).orElseThrow().contains("cannot run on the edge accelerator"));
        // a descriptor that says it could use the accelerator still gets CPU-only configurations
        ModelDescriptor capable = new ModelDescriptor("test-capable", d.lastLayer(), true, WireDtype.INT8,
                List.of(3, 224, 224), 1000);
        Models.register(capable);
        EstimatedNetworks.register(capable.name(), table(NetworkShapes.vgg16()));
        registered.add(capable.name());
        assertTrue(testbed.configurations(capable).stream().allMatch(c -> c.edgeAccelerator() == AcceleratorMode.OFF));
        String reason = testbed.validate(new SplitConfig(capable.name(), 5, 1800, AcceleratorMode.STD, true)).orElseThrow();
        assertTrue(reason.contains("estimated from its split point table") && reason.contains("accelerator must be off"),
                reason);
        assertThrows(IllegalArgumentException.class, () -> testbed.predict(tpu));

        ModelDescriptor shorter = new ModelDescriptor("test-mismatch", 5, false, WireDtype.INT8, List.of(3, 224, 224), 1000);
        Models.register(shorter);
        EstimatedNetworks.register(shorter.name(), table(NetworkShapes.vgg16()));
        registered.add(shorter.name());
        assertFalse(testbed.supports(shorter));
        String mismatch = testbed.validate(new SplitConfig(shorter.name(), 1, 1800, AcceleratorMode.OFF, true))
                .orElseThrow();
        assertTrue(mismatch.contains("ends at layer 22") && mismatch.contains("descriptor at 5"), mismatch);
    }

    @Test
    void reRegisteringReplacesTheCostsAndUnregisteringRemovesThem() {
        ModelDescriptor d = register("test-replace", NetworkShapes.vgg16(), WireDtype.INT8);
        PaperTestbed testbed = new PaperTestbed();
        SplitConfig c = new SplitConfig(d.name(), 10, 1800, AcceleratorMode.OFF, true);
        double before = testbed.predict(c).edgeLatencyMs();
        List<SplitPointCost> doubled = table(NetworkShapes.vgg16()).stream().map(p -> new SplitPointCost(p.layer(),
                p.fp32Bytes(), p.int8Bytes(), 2 * p.headMacs(), 2 * p.tailMacs(), p.headParamBytes(),
                p.tailParamBytes())).toList();
        EstimatedNetworks.register(d.name(), doubled);
        double after = testbed.predict(c).edgeLatencyMs();
        assertTrue(after > 1.8 * before, before + " -> " + after);
        EstimatedNetworks.unregister(d.name());
        assertFalse(testbed.supports(d));
        assertTrue(testbed.validate(c).orElseThrow().contains("no numbers"));
    }

    @Test
    void builtInNamesAndInconsistentTablesAreRefused() {
        List<SplitPointCost> vgg = table(NetworkShapes.vgg16());
        for (String builtIn : List.of("vgg16", "vit-b16", "resnet50", "mobilenetv2", "fmnist-cnn")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EstimatedNetworks.register(builtIn, vgg));
            assertTrue(e.getMessage().contains("built-in"), e.getMessage());
            assertTrue(EstimatedNetworks.find(builtIn).isEmpty());
        }
        assertThrows(IllegalArgumentException.class, () -> new EstimatedNetwork("x", vgg.subList(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new EstimatedNetwork("x", vgg.subList(1, vgg.size())),
                "layers must start at 0");
        List<SplitPointCost> badTotal = new ArrayList<>(vgg);
        SplitPointCost p = vgg.get(3);
        badTotal.set(3, new SplitPointCost(3, p.fp32Bytes(), p.int8Bytes(), p.headMacs(), p.tailMacs() + 1,
                p.headParamBytes(), p.tailParamBytes()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EstimatedNetwork("x", badTotal))
                .getMessage().contains("head + tail MACs"));
        assertThrows(IllegalArgumentException.class, () -> new SplitPointCost(1, 10, 20, 0, 0, 0, 0), "int8 > fp32");
        assertThrows(IllegalArgumentException.class, () -> new SplitPointCost(1, 10, 2, -1, 0, 0, 0));
    }

    @Test
    void theTableBecomesTheSameShapeTheBuiltInNetworkHas() {
        NetworkShape vgg = NetworkShapes.vgg16();
        NetworkShape copy = NetworkShapes.of(new EstimatedNetwork("test-shape", table(vgg)), WireDtype.INT8);
        assertEquals(vgg.lastLayer(), copy.lastLayer());
        for (int l = 0; l <= vgg.lastLayer(); l++) {
            assertEquals(vgg.headMacsM(l), copy.headMacsM(l), 1e-6, "MACs at " + l);
            assertEquals(vgg.headWeightsM(l), copy.headWeightsM(l), 1e-6, "weights at " + l);
            assertEquals(vgg.tensorKb(l), copy.tensorKb(l), 1e-9, "tensor at " + l);
        }
        assertEquals(vgg.inputScale(), copy.inputScale(), 1e-12);
    }

    @Test
    void concurrentRegistrationAndPredictionAreSafe() throws Exception {
        ModelDescriptor d = register("test-concurrent", NetworkShapes.resnet50(), WireDtype.INT8);
        PaperTestbed testbed = new PaperTestbed();
        List<SplitPointCost> points = table(NetworkShapes.resnet50());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int seed = t;
                futures.add(pool.submit(() -> {
                    SplittableRandom rng = new SplittableRandom(seed);
                    for (int i = 0; i < 200; i++) {
                        if (i % 50 == 0) {
                            EstimatedNetworks.register(d.name(), points);
                        }
                        SplitConfig c = new SplitConfig(d.name(), rng.nextInt(d.lastLayer() + 1), 1800,
                                AcceleratorMode.OFF, false);
                        assertEquals("estimated:paper", testbed.predict(c).source());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(0, EstimatedNetworks.all().size());
    }
}
