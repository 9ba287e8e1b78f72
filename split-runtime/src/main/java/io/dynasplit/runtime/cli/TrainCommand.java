package io.dynasplit.runtime.cli;

import io.dynasplit.runtime.fmnist.FashionMnist;
import io.dynasplit.runtime.fmnist.FmnistTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Trains fmnist-cnn on Fashion-MNIST and writes its DJL .params file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train fmnist-cnn on Fashion-MNIST (Debian: " + FashionMnist.INSTALL_HINT + ").")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Fashion-MNIST IDX directory (default: ${DEFAULT-VALUE})")
    Path dataDir = FashionMnist.defaultDirectory();

    @Option(names = "--out", description = "weights file to write (default: ${DEFAULT-VALUE})")
    Path out = Path.of("split-runtime/src/main/resources/io/dynasplit/runtime/weights/fmnist-cnn.params");

    @Option(names = "--epochs", defaultValue = "3")
    int epochs;

    @Option(names = "--batch", defaultValue = "128")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001")
    float learningRate;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        FashionMnist train = FashionMnist.load(dataDir, FashionMnist.Part.TRAIN);
        FashionMnist test = FashionMnist.load(dataDir, FashionMnist.Part.TEST);
        FmnistTrainer.Result r = FmnistTrainer.train(train, test,
                new FmnistTrainer.Settings(epochs, batch, learningRate, seed), out, System.out);
        System.out.printf("wrote %s (%d bytes) in %.0f s; test top-1 %.4f%n", r.weights(), r.bytes(),
                r.trainSeconds(), r.testAccuracy());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }
}
