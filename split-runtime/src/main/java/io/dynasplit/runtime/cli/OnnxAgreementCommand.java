package io.dynasplit.runtime.cli;

import io.dynasplit.contracts.WireDtype;
import io.dynasplit.onnx.accuracy.SampleSet;
import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import io.dynasplit.runtime.accuracy.AccuracyRow;
import io.dynasplit.runtime.accuracy.AccuracyTable;
import io.dynasplit.runtime.accuracy.SplitAccuracy;
import io.dynasplit.runtime.export.AgreementComparison;
import io.dynasplit.runtime.fmnist.FashionMnist;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The check of issue 16 point 6: fmnist-cnn exported to ONNX and imported gives the same split agreement as the
 * built-in network, per split point and wire dtype, on the Fashion-MNIST test set.
 */
@Command(name = "onnx-agreement", mixinStandardHelpOptions = true,
        description = "Export a built-in model to ONNX, import it, and print the top-1 agreement of split vs "
                + "unsplit per built-in split point and wire dtype through the imported path (ONNX Runtime) next to "
                + "the built-in path (DJL), on the Fashion-MNIST test set (" + FashionMnist.INSTALL_HINT + ").")
public final class OnnxAgreementCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "fmnist-cnn", description = "default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--data-dir", description = "Fashion-MNIST IDX directory (default: ${DEFAULT-VALUE})")
    Path dataDir = FashionMnist.defaultDirectory();

    @Option(names = "--dtypes", defaultValue = "fp32,int8", split = ",")
    List<String> dtypes;

    @Option(names = "--limit", defaultValue = "10000", description = "number of test images")
    int limit;

    @Option(names = "--threads", description = "imported path: samples in parallel (default: cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--committed", description = "take the built-in figures from the committed table "
            + "(all 10,000 images) instead of measuring them")
    boolean committed;

    @Override
    public Integer call() throws Exception {
        SplitModel m = ModelCatalog.shared().get(model);
        List<WireDtype> wire = dtypes.stream().map(WireDtype::parse).toList();
        long start = System.nanoTime();
        List<AccuracyRow> builtIn = builtIn(m, wire);
        double builtInSeconds = (System.nanoTime() - start) / 1e9;
        SampleSet samples = SampleSet.readIdx(dataDir.resolve("t10k-images-idx3-ubyte.gz"),
                dataDir.resolve("t10k-labels-idx1-ubyte.gz"), 1f / 255).first(limit);
        start = System.nanoTime();
        List<AgreementComparison> rows = AgreementComparison.compare(m, samples, builtIn, wire, threads);
        System.out.printf(Locale.ROOT, "%s, %d test images: imported path %.1f s (%d threads), built-in path %s%n",
                m.name(), samples.size(), (System.nanoTime() - start) / 1e9, threads,
                committed ? "from the committed table" : String.format(Locale.ROOT, "%.1f s", builtInSeconds));
        print(rows);
        return 0;
    }

    private List<AccuracyRow> builtIn(SplitModel m, List<WireDtype> wire) throws Exception {
        if (committed) {
            return AccuracyTable.forModel(m.name()).orElseThrow(() -> new IllegalArgumentException(
                    "no committed accuracy table for " + m.name())).rows();
        }
        return SplitAccuracy.evaluate(m, FashionMnist.load(dataDir, FashionMnist.Part.TEST), wire, limit);
    }

    private static void print(List<AgreementComparison> rows) {
        System.out.printf("%3s  %-14s %4s  %-14s %-5s %9s %9s %8s%n", "l", "layer", "onnx", "tensor", "dtype",
                "imported", "built-in", "diff pt");
        double worst = 0;
        for (AgreementComparison r : rows) {
            System.out.printf(Locale.ROOT, "%3d  %-14s %4d  %-14s %-5s %9.4f %9.4f %+8.2f%n",
                    r.point().builtInLayer(), r.point().builtInName(), r.point().importedLayer(), r.point().tensor(),
                    r.dtype().wireName(), r.imported().agreement(), r.builtIn().agreement(), r.differencePoints());
            worst = Math.max(worst, Math.abs(r.differencePoints()));
        }
        System.out.printf(Locale.ROOT, "largest difference: %.2f points%n", worst);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new OnnxAgreementCommand()).execute(args));
    }
}
