package io.dynasplit.deploy.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} (or {@code chromium-browser}) on the PATH, run headless on a page: the DOM after the
 * page's scripts ran ({@code --dump-dom}) or a screenshot. {@code .ci/run} installs it; without it the tests that
 * need it are skipped, unless {@value #REQUIRED} is {@code 1} (then they fail).
 */
public final class HeadlessChromium {
    /** Set to 1 where a missing Chromium must fail the tests instead of skipping them ({@code .ci/run}). */
    public static final String REQUIRED = "DYNASPLIT_REQUIRE_CHROMIUM";
    static final List<String> NAMES = List.of("chromium", "chromium-browser");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    public static Optional<HeadlessChromium> find() {
        return find(System.getenv("PATH"));
    }

    static Optional<HeadlessChromium> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    public static boolean required() {
        return "1".equals(System.getenv(REQUIRED));
    }

    public static String missingMessage() {
        return "chromium not found on the PATH (as " + String.join(" or ", NAMES)
                + "); install it with: apt-get install -y chromium";
    }

    public Path binary() {
        return binary;
    }

    /** The page's DOM once its scripts ran (virtual time: timers run without waiting). */
    public String dumpDom(String url, Path workDir, Duration timeout) throws IOException, InterruptedException {
        return new String(run(workDir, timeout, "--virtual-time-budget=5000", "--dump-dom", url), StandardCharsets.UTF_8);
    }

    /** A PNG of the page at {@code width} x {@code height} CSS pixels. */
    public void screenshot(String url, Path png, int width, int height, Path workDir, Duration timeout)
            throws IOException, InterruptedException {
        run(workDir, timeout, "--virtual-time-budget=5000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), url);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png + "; see " + workDir.resolve("chromium.log"));
        }
    }

    private byte[] run(Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--disable-gpu",
                "--no-sandbox", "--no-first-run", "--user-data-dir=" + workDir.resolve("profile").toAbsolutePath()));
        command.addAll(List.of(args));
        Path log = workDir.resolve("chromium.log");
        Path stdout = workDir.resolve("chromium.out");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(stdout.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("chromium did not finish within " + timeout + ": " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException("chromium exited with " + process.exitValue() + ": " + command + "\n"
                    + Files.readString(log));
        }
        return Files.readAllBytes(stdout);
    }
}
