package io.dynasplit.optimizer.search;

import io.dynasplit.contracts.SplitConfig;
import io.dynasplit.optimizer.evaluation.Measurement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pareto local search (after Paquete, Chiarandini and Stützle 2004) over the measured front, aimed at its gaps:
 * take the front member beside the widest gap (largest crowding distance), measure its unmeasured neighbours,
 * recompute the front, repeat. A member explored before is explored again one step further out (split layer and
 * CPU frequency moved by 2, then 3, ...), so the search can step over dominated configurations between two front
 * members (ViT's layers 6-7 lie between front members 5 and 8).
 */
final class ParetoLocalSearch {
    private final SearchSpace space;
    private final Objectives objectives;
    private final EvaluationCache cache;
    private final Map<SplitConfig, Integer> radiusExplored = new HashMap<>();
    private final int maxRadius;

    ParetoLocalSearch(SearchSpace space, Objectives objectives, EvaluationCache cache) {
        this.space = space;
        this.objectives = objectives;
        this.cache = cache;
        this.maxRadius = Math.max(space.lastLayer(), space.frequenciesMhz().size() - 1);
    }

    /** Explores until {@code evaluationLimit} distinct configurations are measured; false when nothing is left to explore. */
    boolean runUntil(int evaluationLimit) {
        while (cache.evaluations() < evaluationLimit && !cache.budgetSpent()) {
            List<Measurement> front = ParetoFilter.nonDominated(cache.measurements(), objectives);
            SplitConfig next = widestGap(front);
            if (next == null) {
                return false;
            }
            int radius = radiusExplored.merge(next, 1, Integer::sum);
            for (SplitConfig n : neighbours(next, radius)) {
                if (cache.evaluations() >= evaluationLimit || cache.budgetSpent()) {
                    break;
                }
                cache.measure(n);
            }
        }
        return true;
    }

    /**
     * The front member, not yet explored to the largest radius, beside the widest gap: the largest crowding distance
     * (NSGA-II's sum over objectives of the normalised distance between a member's two neighbours along that
     * objective; an extreme counts twice its one neighbour's distance). Ties go to the member explored least, then
     * to the first in front order, so the choice is deterministic.
     */
    private SplitConfig widestGap(List<Measurement> front) {
        int n = front.size();
        double[] crowding = crowding(front.stream().map(objectives::vector).toArray(double[][]::new));
        int best = -1;
        for (int i = 0; i < n; i++) {
            int radius = radiusExplored.getOrDefault(front.get(i).config(), 0);
            if (radius >= maxRadius) {
                continue;
            }
            if (best < 0 || crowding[i] > crowding[best] || (crowding[i] == crowding[best]
                    && radius < radiusExplored.getOrDefault(front.get(best).config(), 0))) {
                best = i;
            }
        }
        return best < 0 ? null : front.get(best).config();
    }

    static double[] crowding(double[][] v) {
        int n = v.length;
        double[] crowding = new double[n];
        if (n < 2) {
            return crowding;
        }
        for (int k = 0; k < v[0].length; k++) {
            final int axis = k;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> v[i][axis]));
            double range = v[order[n - 1]][axis] - v[order[0]][axis];
            if (range <= 0) {
                continue;
            }
            crowding[order[0]] += 2 * (v[order[1]][axis] - v[order[0]][axis]) / range;
            crowding[order[n - 1]] += 2 * (v[order[n - 1]][axis] - v[order[n - 2]][axis]) / range;
            for (int i = 1; i < n - 1; i++) {
                crowding[order[i]] += (v[order[i + 1]][axis] - v[order[i - 1]][axis]) / range;
            }
        }
        return crowding;
    }

    /**
     * Unmeasured valid configurations {@code radius} steps away: split layer or CPU frequency moved by that much; at
     * radius 1 also every other accelerator mode and the other cloud GPU setting. A knob that the configuration's
     * layer makes meaningless (the cloud GPU at edge-only, the accelerator at cloud-only) takes every value on a
     * layer move, since it matters again at the new layer.
     */
    List<SplitConfig> neighbours(SplitConfig c, int radius) {
        int layer = c.layer();
        int f = space.frequencyIndex(c);
        int m = space.modeIndex(c);
        boolean gpu = c.cloudGpu();
        Set<SplitConfig> result = new LinkedHashSet<>();
        for (int d : new int[] {-radius, radius}) {
            int l = layer + d;
            if (l >= 0 && l <= space.lastLayer()) {
                for (int mode : layer == 0 ? allModes() : new int[] {m}) {
                    for (boolean g : layer == space.lastLayer() ? new boolean[] {false, true} : new boolean[] {gpu}) {
                        result.add(space.decode(l, f, mode, g));
                    }
                }
            }
            if (f + d >= 0 && f + d < space.frequenciesMhz().size()) {
                result.add(space.decode(layer, f + d, m, gpu));
            }
        }
        if (radius == 1) {
            for (int other : allModes()) {
                result.add(space.decode(layer, f, other, gpu));
            }
            result.add(space.decode(layer, f, m, !gpu));
        }
        result.remove(c);
        result.removeIf(cache::contains);
        return new ArrayList<>(result);
    }

    private int[] allModes() {
        return java.util.stream.IntStream.range(0, space.acceleratorModes().size()).toArray();
    }
}
