package io.dynasplit.onnx.cli;

import io.dynasplit.onnx.store.ModelStore;
import io.dynasplit.onnx.store.ModelsDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code ./dynasplit model}: bring your own ONNX network. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Import an ONNX network, list and inspect imported models.",
        subcommands = {ImportCommand.class, ListCommand.class, ShowCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The models directory option every subcommand shares. */
    static final class ModelsDirOption {
        @Option(names = "--models-dir", paramLabel = "DIR",
                description = "The models directory (default: dynasplit.models.dir, $DYNASPLIT_MODELS_DIR, or models/"
                        + " under the project).")
        Path dir;

        ModelStore store() {
            return new ModelStore(dir != null ? dir : ModelsDirectory.resolve());
        }
    }
}
