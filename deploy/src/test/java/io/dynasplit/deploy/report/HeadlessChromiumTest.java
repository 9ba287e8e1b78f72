package io.dynasplit.deploy.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadlessChromiumTest {

    @Test
    void withoutChromiumOnThePathNothingIsFoundAndTheTestsSayHowToInstallIt(@TempDir Path empty) {
        assertTrue(HeadlessChromium.find(empty.toString()).isEmpty());
        assertTrue(HeadlessChromium.find(null).isEmpty());
        assertTrue(HeadlessChromium.missingMessage().contains("apt-get install -y chromium"));
    }

    @Test
    void chromiumBrowserIsFoundWhereChromiumIsNot(@TempDir Path dir) throws Exception {
        Path binary = Files.createFile(dir.resolve("chromium-browser"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertEquals(binary, HeadlessChromium.find(dir.toString()).orElseThrow().binary());
    }
}
