package io.dynasplit.selection.scenario;

import io.dynasplit.contracts.AcceleratorMode;
import io.dynasplit.contracts.ParetoEntry;
import io.dynasplit.contracts.ParetoFront;
import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.selection.front.ProfiledSpace;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The named scenarios of {@code simulate --scenario}. */
public final class Scenarios {
    public static final List<String> NAMES = List.of("paper", "paper-drift", "drift", "load-30", "load-60", "load-90",
            "switches");
    /** The paper's ViT case: profiled at 1434 ms, about 2750 ms online (paper-facts). */
    public static final double PAPER_DRIFT_FACTOR = 1.92;
    /** drift: this share of the front's configurations is slowed, each by a factor in [1.1, 2.0]. */
    public static final double DRIFTED_SHARE = 0.3;

    private Scenarios() {
    }

    /**
     * @param front    the front the scheduler holds (drift picks among its configurations)
     * @param requests workload length (drift starts after its first fifth)
     */
    public static Scenario named(String name, ProfiledSpace space, ParetoFront front, int requests, long seed) {
        return switch (name) {
            case "paper" -> new Scenario(name, "the paper's setting: one request after another, runs as profiled",
                    Drift.none(), null, 0, false);
            case "paper-drift" -> paperDrift(space);
            case "drift" -> drift(front, requests, seed);
            case "load-30", "load-60", "load-90" -> {
                double load = Integer.parseInt(name.substring(5)) / 100.0;
                yield new Scenario(name, "Poisson arrivals at " + name.substring(5) + "% of the edge device's capacity"
                        + " (set by the paper selection's mean board time), requests queueing on the board",
                        Drift.none(), null, load, false);
            }
            case "switches" -> new Scenario(name, "thresholds alternating between the workload's low and high halves",
                    Drift.none(), null, 0, true);
            default -> throw new IllegalArgumentException("--scenario must be one of " + NAMES + ", got '" + name + "'");
        };
    }

    private static Scenario paperDrift(ProfiledSpace space) {
        if (!space.model().name().equals("vit-b16")) {
            throw new IllegalArgumentException("paper-drift is the paper's ViT case (vit-b16, layer 8, 800 MHz, cloud "
                    + "GPU); for " + space.model().name() + " use --scenario drift");
        }
        SplitConfig stale = space.configs().stream()
                .filter(c -> c.layer() == 8 && c.cpuMhz() == 800 && c.cloudGpu())
                .min(Comparator.comparing((SplitConfig c) -> c.edgeAccelerator() != AcceleratorMode.OFF))
                .orElseThrow(() -> new IllegalArgumentException("paper-drift is the paper's ViT case (layer 8, 800 MHz, "
                        + "cloud GPU): " + space.model().name() + " has no such configuration; use --model vit-b16"));
        return new Scenario("paper-drift", stale.label() + " profiled " + PAPER_DRIFT_FACTOR
                + " times faster than it runs (the paper's 1434 ms against about 2750 ms online)", Drift.none(),
                new StaleProfile(stale, PAPER_DRIFT_FACTOR), 0, false);
    }

    private static Scenario drift(ParetoFront front, int requests, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xD21F7L);
        Map<SplitConfig, Double> factors = new LinkedHashMap<>();
        for (ParetoEntry e : front.entries()) {
            if (random.nextDouble() < DRIFTED_SHARE) {
                factors.put(e.config(), 1.1 + 0.9 * random.nextDouble());
            }
        }
        int from = requests / 5;
        return new Scenario("drift", factors.size() + " of the front's " + front.entries().size()
                + " configurations slowed (and made costlier) by 10-100% from request " + from + " on",
                new Drift(factors, from), null, 0, false);
    }
}
