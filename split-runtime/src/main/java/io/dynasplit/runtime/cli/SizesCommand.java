package io.dynasplit.runtime.cli;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitPoint;
import io.dynasplit.runtime.WireSizes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** Per model and split point: the tensor's shape and payload size in each wire dtype, next to the paper's. */
@Command(name = "sizes", mixinStandardHelpOptions = true,
        description = "Intermediate tensor shape and size per split point and wire dtype (no weights are loaded).")
public final class SizesCommand implements Callable<Integer> {

    @Option(names = "--model", description = "model names, comma separated (default: all)", split = ",")
    List<String> models;

    @Override
    public Integer call() {
        ModelCatalog catalog = ModelCatalog.shared();
        for (String name : models == null ? catalog.names() : models) {
            print(System.out, catalog.definition(name).descriptor(), catalog.splitPoints(name));
        }
        return 0;
    }

    static void print(PrintStream out, ModelDescriptor model, List<SplitPoint> points) {
        out.printf("%s (L = %d, wire dtype %s)%n", model.name(), model.lastLayer(), model.wireDtype().wireName());
        out.printf("%3s  %-16s %-20s %10s %10s %10s %13s %9s%n", "l", "layer", "shape", "fp32 KB", "fp16 KB",
                "int8 KB", "shipped KB", "paper KB");
        for (SplitPoint p : points) {
            WireDtype shipped = WireSizes.paperDtype(model, p.layer());
            OptionalDouble paper = WireSizes.paperKb(model.name(), p.layer());
            out.printf(Locale.ROOT, "%3d  %-16s %-20s %10.1f %10.1f %10.1f %8.1f %-4s %9s%n", p.layer(), p.name(),
                    p.shape().toString().replace(" ", ""), kb(p.bytes(WireDtype.FP32)), kb(p.bytes(WireDtype.FP16)),
                    kb(p.bytes(WireDtype.INT8)), kb(WireSizes.shippedBytes(model, p, shipped)), shipped.wireName(),
                    paper.isPresent() ? String.format(Locale.ROOT, "%.1f", paper.getAsDouble()) : "-");
        }
        out.println();
    }

    private static double kb(long bytes) {
        return bytes / 1024.0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SizesCommand()).execute(args));
    }
}
