package io.dynasplit.onnx.cli;

import io.dynasplit.contracts.ModelDescriptor;
import io.dynasplit.onnx.store.ModelPackage;
import io.dynasplit.onnx.store.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "list", mixinStandardHelpOptions = true, description = "The models imported into the models directory.")
final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelCommand.ModelsDirOption models = new ModelCommand.ModelsDirOption();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ModelStore store = models.store();
        List<ModelPackage> packages = store.list();
        if (packages.isEmpty()) {
            out.println("no imported models in " + store.root() + " (./dynasplit model import FILE.onnx --name NAME)");
            return;
        }
        out.printf("%-24s %7s %-18s %7s %-6s %s%n", "name", "layers", "input", "classes", "wire", "source");
        for (ModelPackage p : packages) {
            ModelDescriptor d = p.model().descriptor();
            out.printf("%-24s %7d %-18s %7d %-6s %s%n", d.name(), d.lastLayer() + 1, d.inputShape(), d.classes(),
                    d.wireDtype(), p.model().source());
        }
    }
}
