package io.dynasplit.selection.bench;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.FrontProvenance;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.Selector;
import io.dynasplit.selection.correction.FeedbackSettings;
import io.dynasplit.selection.correction.ReconfigurationCost;
import io.dynasplit.selection.index.DeviceState;
import io.dynasplit.selection.index.Selection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Latency of one {@link Selector#select} on a 1,000-entry front, with reconfiguration cost, queueing and feedback
 * corrections in place. {@code knobGroups} = 21 is the paper's edge (7 CPU frequencies x 3 accelerator modes); 1 is
 * a front whose entries all share the knobs (and no layer-0 entries). Run as docs/selection.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class SelectionBenchmark {
    private static final int QUERIES = 4096;

    @Param({"1000"})
    int entries;

    @Param({"21", "1"})
    int knobGroups;

    private Selector selector;
    private final double[] thresholds = new double[QUERIES];
    private final DeviceState[] states = new DeviceState[QUERIES];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        int[] mhz = {600, 800, 1000, 1200, 1400, 1600, 1800};
        List<ParetoEntry> list = new ArrayList<>();
        Set<SplitConfig> seen = new HashSet<>();
        while (list.size() < entries) {
            int group = rng.nextInt(knobGroups);
            int cpu = mhz[group % mhz.length];
            AcceleratorMode mode = AcceleratorMode.values()[(group / mhz.length) % 3];
            // many more split layers than vgg16's so that 1,000 distinct configurations exist; with knob groups, a few
            // layer-0 entries (no knobs set: the index's extra lookup) as on the paper's edge
            boolean cloudOnly = knobGroups > 1 && rng.nextInt(knobGroups + 1) == 0;
            SplitConfig c = cloudOnly ? new SplitConfig("bench", 0, cpu, AcceleratorMode.OFF, rng.nextBoolean())
                    : new SplitConfig("bench", 1 + rng.nextInt(5000), cpu, mode, rng.nextBoolean());
            if (seen.add(c)) {
                double latency = 90 + rng.nextDouble() * 5000;
                list.add(new ParetoEntry(c, latency, 2 + 70 * Math.exp(-latency / 800) + rng.nextDouble(), 0.6));
            }
        }
        ParetoFront front = new ParetoFront(1, "bench", "bench-edge", 1, Instant.EPOCH,
                new FrontProvenance("bench", 0, 0, entries, 0, "bench", null, null), list);
        selector = Selector.builder(front)
                .reconfiguration(ReconfigurationCost.estimate(116, 137), 2.8)
                .feedback(FeedbackSettings.defaults())
                .build();
        for (int i = 0; i < 200; i++) {
            ParetoEntry e = list.get(rng.nextInt(list.size()));
            selector.observe(e.config(), e.latencyMs() * (0.9 + 0.3 * rng.nextDouble()), e.energyJ());
        }
        for (int i = 0; i < QUERIES; i++) {
            thresholds[i] = 90 + 1000 * -Math.log(1 - rng.nextDouble());
            SplitConfig current = list.get(rng.nextInt(list.size())).config();
            while (!current.setsEdgeKnobs()) { // the scheduler's ledger never holds layer 0: it sets no knobs
                current = list.get(rng.nextInt(list.size())).config();
            }
            states[i] = new DeviceState(current, rng.nextInt(4) == 0 ? rng.nextInt(300) : 0);
        }
    }

    @Benchmark
    public Selection select() {
        int i = next++ & (QUERIES - 1);
        return selector.select(thresholds[i], states[i]);
    }
}
