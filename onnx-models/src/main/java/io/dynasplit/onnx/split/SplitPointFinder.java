package io.dynasplit.onnx.split;

import io.dynasplit.onnx.graph.ConstantTensors;
import io.dynasplit.onnx.graph.OnnxGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every boundary of the graph's topological order across which exactly one non-constant tensor is live. A
 * tensor is live across a boundary when it is produced before it (the graph input: before everything) and read
 * after it; the graph output counts as read at the end. Constant nodes are folded first, so a weight never counts,
 * and a boundary inside a residual block or between an inception module's branches, where two tensors are live,
 * is never a cut. All ancestors of a valid cut precede every other node in any topological order, so the order the
 * file gives finds the same cuts as any other.
 */
public final class SplitPointFinder {
    private SplitPointFinder() {
    }

    public static List<Cut> find(OnnxGraph graph) {
        ConstantTensors constants = new ConstantTensors(graph);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            if (!constants.isConstantNode(i)) {
                order.add(i);
            }
        }
        int n = order.size();
        String input = graph.input().getName();
        String output = graph.output().getName();
        // the last position (in the folded order) that reads each tensor; the output is read "at n"
        Map<String, Integer> lastRead = new HashMap<>();
        for (int pos = 0; pos < n; pos++) {
            for (String in : graph.inputsOf(order.get(pos))) {
                if (!constants.isConstant(in)) {
                    lastRead.put(in, pos);
                }
            }
        }
        lastRead.put(output, n);

        List<Cut> cuts = new ArrayList<>();
        cuts.add(new Cut(0, input, 0));
        Set<String> seen = new HashSet<>(Set.of(input, output));
        Set<String> live = new LinkedHashSet<>();
        if (lastRead.containsKey(input)) {
            live.add(input);
        }
        for (int boundary = 1; boundary < n; boundary++) {
            int pos = boundary - 1;
            for (String produced : graph.nodes().get(order.get(pos)).getOutputList()) {
                if (!produced.isEmpty() && lastRead.getOrDefault(produced, -1) > pos) {
                    live.add(produced);
                }
            }
            final int done = pos;
            live.removeIf(t -> lastRead.get(t) <= done);
            if (live.size() == 1) {
                String tensor = live.iterator().next();
                if (seen.add(tensor)) {
                    cuts.add(new Cut(cuts.size(), tensor, boundary));
                }
            }
        }
        cuts.add(new Cut(cuts.size(), output, n));
        return List.copyOf(cuts);
    }
}
