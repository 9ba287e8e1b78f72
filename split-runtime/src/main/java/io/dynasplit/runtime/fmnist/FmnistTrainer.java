package io.dynasplit.runtime.fmnist;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.dynasplit.runtime.Activation;
import io.dynasplit.runtime.nets.FmnistCnn;
import io.dynasplit.runtime.nets.SeededInitializer;
import io.dynasplit.runtime.nets.Unit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/** Trains the fmnist-cnn on the Fashion-MNIST training set (Adam, softmax cross-entropy) and saves its weights. */
public final class FmnistTrainer {

    public record Settings(int epochs, int batchSize, float learningRate, long seed) {
    }

    public record Result(Path weights, long bytes, double trainSeconds, double testAccuracy) {
    }

    private FmnistTrainer() {
    }

    public static Result train(FashionMnist trainSet, FashionMnist testSet, Settings settings, Path out,
                               PrintStream log) throws IOException {
        FmnistCnn definition = new FmnistCnn();
        SequentialBlock net = new SequentialBlock();
        definition.units().stream().map(Unit::block).forEach(net::add);
        try (Model model = Model.newInstance(definition.name(), ai.djl.Device.cpu(), "PyTorch")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optInitializer(new SeededInitializer(settings.seed()), Parameter.Type.WEIGHT)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                            .build());
            long start = System.nanoTime();
            double accuracy;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(settings.batchSize(), 1, FashionMnist.SIDE, FashionMnist.SIDE));
                Random random = new Random(settings.seed());
                for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                    double loss = epoch(trainer, trainSet, settings.batchSize(), random);
                    accuracy = accuracy(trainer, testSet);
                    log.printf("epoch %d: mean loss %.4f, test top-1 %.4f (%.0f s)%n", epoch, loss, accuracy,
                            (System.nanoTime() - start) / 1e9);
                }
                accuracy = accuracy(trainer, testSet);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Path dir = Files.createTempDirectory("fmnist-train");
            model.save(dir, definition.name());
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.move(dir.resolve(definition.name() + "-0000.params"), out, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dir);
            return new Result(out, Files.size(out), seconds, accuracy);
        }
    }

    private static double epoch(Trainer trainer, FashionMnist data, int batchSize, Random random) {
        int[] order = shuffled(data.size(), random);
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from + batchSize <= order.length; from += batchSize) {
            int[] idx = java.util.Arrays.copyOfRange(order, from, from + batchSize);
            try (NDManager m = trainer.getManager().newSubManager()) {
                Activation x = data.batch(idx);
                float[] y = new float[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    y[i] = data.labels()[idx[i]];
                }
                NDArray input = m.create(x.values(), new Shape(idx.length, 1, FashionMnist.SIDE, FashionMnist.SIDE));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList pred = trainer.forward(new NDList(input));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(m.create(y)), pred);
                    gc.backward(loss);
                    lossSum += loss.getFloat();
                }
                trainer.step();
                batches++;
            }
        }
        return lossSum / Math.max(1, batches);
    }

    private static double accuracy(Trainer trainer, FashionMnist data) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += 500) {
            int to = Math.min(data.size(), from + 500);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray input = m.create(data.batch(from, to).values(),
                        new Shape(to - from, 1, FashionMnist.SIDE, FashionMnist.SIDE));
                NDArray logits = trainer.evaluate(new NDList(input)).singletonOrThrow();
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == data.labels()[from + i] ? 1 : 0;
                }
            }
        }
        return (double) correct / data.size();
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
