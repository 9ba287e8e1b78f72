package io.dynasplit.onnx.cli;

import io.dynasplit.onnx.importer.ModelImportException;
import io.dynasplit.onnx.importer.ModelImporter;
import io.dynasplit.onnx.store.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
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

    @Mixin
    ModelCommand.ModelsDirOption models = new ModelCommand.ModelsDirOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ModelPackage imported = new ModelImporter(models.store(), Clock.systemUTC()).importFile(file, name, replace);
            imported.model().warnings().forEach(w -> err.println("warning: " + w));
            out.printf("imported %s into %s: %d split points (layers 0..%d, %d interior)%n", imported.name(),
                    imported.dir(), imported.splitPoints().size(), imported.model().descriptor().lastLayer(),
                    imported.splitPoints().size() - 2);
            out.println("next: ./dynasplit model show " + imported.name());
            return 0;
        } catch (ModelImportException e) {
            err.println("model import: " + e.getMessage());
            return 2;
        }
    }
}
