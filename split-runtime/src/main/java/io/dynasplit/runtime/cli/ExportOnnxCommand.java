package io.dynasplit.runtime.cli;

import io.dynasplit.runtime.ModelCatalog;
import io.dynasplit.runtime.SplitModel;
import io.dynasplit.runtime.export.OnnxExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Writes a built-in network with its loaded weights as an ONNX file, so that it can be imported like any user's
 * model ({@code ./dynasplit model import}) and its imported split path compared with the built-in one.
 */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = "Write a built-in network and its weights as ONNX (IR 8, opset 17, input 'input' "
                + "[batch, ...], output 'logits' [batch, classes]); preprocessing stays outside the graph.")
public final class ExportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "fmnist-cnn",
            description = "built-in model (default: ${DEFAULT-VALUE}, the one with trained weights)")
    String model;

    @Option(names = "--out", required = true, description = "ONNX file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        SplitModel m = ModelCatalog.shared().get(model);
        long bytes = OnnxExport.write(m, out);
        System.out.printf("wrote %s: %s, %d bytes, weights %s%n", out, m.name(), bytes, m.weightsSource());
        System.out.println("input '" + OnnxExport.INPUT + "' " + m.splitPoint(0).shape() + " (batch dynamic), "
                + "preprocess outside the model: " + OnnxExport.preprocessing(m.preprocessing()));
        System.out.println("built-in split point -> ONNX tensor:");
        for (int l = 0; l <= m.lastLayer(); l++) {
            System.out.printf("%3d  %-14s -> %s%n", l, m.splitPoint(l).name(), OnnxExport.tensorAt(m, l));
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportOnnxCommand()).execute(args));
    }
}
