package io.dynasplit.scheduler.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceRegistryTest {

    @Test
    void aCommaSeparatedListGivesEachDeviceItsClass() {
        assertEquals(Map.of("pi-a", "paper-pi4-coral", "nuc-7", "x86-nuc"),
                DeviceRegistry.parse(" pi-a=paper-pi4-coral, nuc-7=x86-nuc ,"));
    }

    @Test
    void aDevicesFileListsOnePerLineWithCommentsAndCarriageReturns(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("devices"), "# fleet of the east hall\r\npi-a=paper-pi4-coral\r\n\n"
                + "nuc-7=x86-nuc,pi-b=paper-pi4-coral\n");
        assertEquals(Map.of("pi-a", "paper-pi4-coral", "nuc-7", "x86-nuc", "pi-b", "paper-pi4-coral"),
                DeviceRegistry.read(file));
    }

    @Test
    void tenThousandDevicesComeFromAFileLargerThanOneEnvironmentVariableMayBe(@TempDir Path dir) throws IOException {
        String lines = IntStream.range(0, 10_000).mapToObj(i -> String.format("board-%05d=paper-pi4-coral", i))
                .collect(Collectors.joining("\n"));
        assertTrue(lines.length() > 128 * 1024, "the list is over Linux's 128 KiB limit for one variable");
        Map<String, String> devices = DeviceRegistry.read(Files.writeString(dir.resolve("devices"), lines));
        assertEquals(10_000, devices.size());
        assertEquals("paper-pi4-coral", devices.get("board-09999"));
    }

    @Test
    void aMissingFileOrABadLineIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DeviceRegistry.read(dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("cannot read") && missing.getMessage().contains("absent"),
                missing.getMessage());
        Path bad = Files.writeString(dir.resolve("bad"), "pi-a=paper-pi4-coral\npi-b\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DeviceRegistry.read(bad));
        assertTrue(refused.getMessage().contains("'pi-b' is not deviceId=deviceClass"), refused.getMessage());
    }
}
