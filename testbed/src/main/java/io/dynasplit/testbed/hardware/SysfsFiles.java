package io.dynasplit.testbed.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes sysfs attributes. Tests override it to play the kernel's part (e.g. a frequency that follows). */
public class SysfsFiles {

    public String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    public void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    public boolean exists(Path file) {
        return Files.exists(file);
    }

    public boolean writable(Path file) {
        return Files.isWritable(file);
    }
}
