package io.dynasplit.runtime.cli;

import io.dynasplit.contracts.WireDtype;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import io.dynasplit.runtime.accuracy.AccuracyRow;
import io.dynasplit.runtime.accuracy.AccuracyTable;
import io.dynasplit.runtime.accuracy.SplitAccuracy;
import io.dynasplit.runtime.fmnist.FashionMnist;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Top-1 accuracy of fmnist-cnn at every split point and wire dtype on the Fashion-MNIST test set. */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Top-1 accuracy per split point and wire dtype on the Fashion-MNIST test set "
                + "(Debian: " + FashionMnist.INSTALL_HINT + ").")
public final class AccuracyCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "fmnist-cnn",
            description = "model with real weights for this dataset (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--data-dir", description = "Fashion-MNIST IDX directory (default: ${DEFAULT-VALUE})")
    Path dataDir = FashionMnist.defaultDirectory();

    @Option(names = "--dtypes", defaultValue = "fp32,fp16,int8", split = ",")
    List<String> dtypes;

    @Option(names = "--limit", defaultValue = "10000", description = "number of test images")
    int limit;

    @Option(names = "--csv", description = "also write the table as CSV (the committed resource is "
            + "split-runtime/src/main/resources/io/dynasplit/runtime/accuracy/fmnist-cnn.csv)")
    Path csv;

    @Override
    public Integer call() throws Exception {
        FashionMnist test = FashionMnist.load(dataDir, FashionMnist.Part.TEST);
        SplitModel m = ModelCatalog.shared().get(model);
        List<WireDtype> wire = dtypes.stream().map(WireDtype::parse).toList();
        long start = System.nanoTime();
        List<AccuracyRow> rows = SplitAccuracy.evaluate(m, test, wire, limit);
        System.out.printf("%s (weights %s), %d test images, %.1f s%n", m.name(), m.weightsSource(),
                rows.get(0).images(), (System.nanoTime() - start) / 1e9);
        StringBuilder head = new StringBuilder(String.format("%3s  %-14s", "l", "layer"));
        wire.forEach(d -> head.append(String.format("  %10s", "top1 " + d.wireName())));
        wire.forEach(d -> head.append(String.format("  %12s", "agree " + d.wireName())));
        System.out.println(head);
        for (int l = 0; l <= m.lastLayer(); l++) {
            int layer = l;
            List<AccuracyRow> at = rows.stream().filter(r -> r.layer() == layer).toList();
            StringBuilder line = new StringBuilder(String.format("%3d  %-14s", l, at.get(0).layerName()));
            at.forEach(r -> line.append(String.format(Locale.ROOT, "  %10.4f", r.top1())));
            at.forEach(r -> line.append(String.format(Locale.ROOT, "  %12.4f", r.agreement())));
            System.out.println(line);
        }
        if (csv != null) {
            Files.writeString(csv, new AccuracyTable(rows).toCsv(), StandardCharsets.UTF_8);
            System.out.println("wrote " + csv);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AccuracyCommand()).execute(args));
    }
}
