package io.dynasplit.onnx.cli;

import io.dynasplit.onnx.ModelImportException;
import io.dynasplit.onnx.accuracy.SampleSet;
import io.dynasplit.onnx.importer.AccuracyCheck;
import io.dynasplit.onnx.importer.ModelImporter;
import io.dynasplit.onnx.store.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read an ONNX file, find its split points and write a model package into the models directory.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.onnx", description = "The ONNX model (one input, one output).")
    Path file;

    @Option(names = "--name", required = true, description = "The model's name in DynaSplit (a-z, 0-9, . _ -).")
    String name;

    @Option(names = "--replace", description = "Overwrite an imported model of that name.")
    boolean replace;

    @Option(names = "--samples", paramLabel = "FILE", description = "A sample set for the accuracy check: an IDX file"
            + " (the MNIST format, gzip or plain) of inputs in the model's input shape. Without one only fp32 goes on"
            + " the wire and the model has no accuracy objective.")
    Path samples;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels for --samples (optional: without them"
            + " the check measures agreement with the unsplit model).")
    Path labels;

    @Option(names = "--scale", defaultValue = "0.00392156862745098",
            description = "Multiplies the sample values (default 1/255: 8-bit pixels to [0, 1]).")
    float scale;

    @Option(names = "--limit", defaultValue = "1000", description = "Samples used, from the start (default"
            + " ${DEFAULT-VALUE}; 0: all).")
    int limit;

    @Option(names = "--min-int8-agreement", defaultValue = "0.99", description = "int8 goes on the wire only when"
            + " at every split point it keeps at least this share of the samples' top-1 class (default ${DEFAULT-VALUE}).")
    double minInt8Agreement;

    @Mixin
    ModelCommand.ModelsDirOption models = new ModelCommand.ModelsDirOption();

    private Optional<AccuracyCheck> accuracyCheck() {
        if (samples == null) {
            return Optional.empty();
        }
        try {
            SampleSet set = SampleSet.readIdx(samples, labels, scale);
            return Optional.of(new AccuracyCheck(limit > 0 && limit < set.size() ? set.first(limit) : set,
                    minInt8Agreement));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelImportException("cannot read the sample set " + samples + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ModelPackage imported = new ModelImporter(models.store(), Clock.systemUTC())
                    .importFile(file, name, replace, accuracyCheck());
            imported.model().warnings().forEach(w -> err.println("warning: " + w));
            out.printf("imported %s into %s: %d split points (layers 0..%d, %d interior)%n", imported.name(),
                    imported.dir(), imported.splitPoints().size(), imported.model().descriptor().lastLayer(),
                    imported.splitPoints().size() - 2);
            if (!imported.accuracy().isEmpty()) {
                out.printf("accuracy check on %d samples: wire %s%n", imported.accuracy().get(0).samples(),
                        imported.model().descriptor().wireDtype());
            }
            out.println("next: ./dynasplit model show " + imported.name());
            return 0;
        } catch (ModelImportException e) {
            err.println("model import: " + e.getMessage());
            return 2;
        }
    }
}
