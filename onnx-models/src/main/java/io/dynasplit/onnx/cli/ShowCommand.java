package io.dynasplit.onnx.cli;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.onnx.split.SplitPointRow;
import io.dynasplit.onnx.store.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true, description = "An imported model and its split point table.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    ModelCommand.ModelsDirOption models = new ModelCommand.ModelsDirOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<ModelPackage> found = models.store().find(name);
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("no imported model '" + name + "' in " + models.store().root());
            return 2;
        }
        ModelPackage p = found.get();
        ModelDescriptor d = p.model().descriptor();
        out.printf("%s (from %s, sha256 %s, IR %d, opset %d)%n", d.name(), p.model().source(),
                p.model().sha256().substring(0, 12), p.model().irVersion(), p.model().opset());
        out.printf("input %s %s%s, output %s (%d classes), wire %s, %d split points%n", p.model().inputName(),
                d.inputShape(), p.model().dynamicBatch() ? " (dynamic batch)" : "", p.model().outputName(), d.classes(),
                d.wireDtype(), p.splitPoints().size());
        p.model().warnings().forEach(w -> out.println("warning: " + w));
        out.printf("%5s  %-28s %-20s %10s %10s %12s %12s %11s %11s%n", "layer", "tensor", "shape", "fp32 B", "int8 B",
                "head MACs", "tail MACs", "head param", "tail param");
        for (SplitPointRow r : p.splitPoints()) {
            out.printf("%5d  %-28s %-20s %10d %10d %12d %12d %11d %11d%n", r.layer(), abbreviate(r.tensor()),
                    r.shape(), r.fp32Bytes(), r.int8Bytes(), r.headMacs(), r.tailMacs(), r.headParamBytes(),
                    r.tailParamBytes());
        }
        if (!p.accuracy().isEmpty()) {
            out.printf("accuracy check (%d samples): top-1 %s per split point, fp32 / int8 on the wire%n",
                    p.accuracy().get(0).samples(), p.accuracy().get(0).top1().isPresent() ? "against labels"
                            : "agreement with the unsplit model");
            p.accuracy().stream().collect(java.util.stream.Collectors.groupingBy(r -> r.layer(),
                    java.util.TreeMap::new, java.util.stream.Collectors.toList())).forEach((layer, rows) ->
                    out.printf("%5d  %s%n", layer, rows.stream().map(r -> String.format(java.util.Locale.ROOT,
                            "%s %.4f", r.dtype(), r.top1().orElse(r.agreement()))).toList()));
        }
        return 0;
    }

    private static String abbreviate(String s) {
        return s.length() <= 28 ? s : "..." + s.substring(s.length() - 25);
    }
}
