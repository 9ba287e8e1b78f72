package io.dynasplit.testbed.cli;

import io.dynasplit.testbed.emulated.CalibrationData;
import io.dynasplit.testbed.emulated.CalibrationRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code testbed calibrate}: compares the emulator with every calibration row and the paper's figures. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit the emulated paper testbed, compare it with every measured row and the paper's figures, "
                + "and write the report (docs/calibration.md).")
public final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "docs/calibration.md", description = "Report file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data", description = "Folder with vgg16-measured.csv and vit-measured.csv (default: the copy bundled in the jar).")
    Path data;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the folds and of the spread check (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        List<CalibrationRow> rows = data == null ? CalibrationData.bundled() : CalibrationData.read(data);
        CalibrationReport report = CalibrationReport.build(rows, folds, seed, data == null ? "bundled" : data.toString());
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report.markdown(), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println(report.summaryLines());
        spec.commandLine().getOut().println("wrote " + out);
        spec.commandLine().getOut().flush();
        return report.meetsGoal() ? 0 : 1;
    }
}
