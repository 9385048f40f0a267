package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@code ScannerSettingsTest} is responsible for proving that configuration is read leniently, with defaults. */
class ScannerSettingsTest {

    @Test
    void emptyConfigurationGivesTheDocumentedDefaults() {
        ScannerSettings settings = ScannerSettings.parse(Map.of());

        assertEquals(List.of(), settings.mediaDirs());
        assertEquals(Set.of(".mp4", ".mkv", ".avi", ".mov"), settings.includeExtensions());
        assertEquals(60, settings.scanIntervalMinutes());
        assertEquals(List.of("md5", "sha1"), List.copyOf(settings.hashAlgorithms()));
        assertTrue(settings.extractMetadata());
        assertTrue(settings.watchEnabled());
        assertEquals(1, settings.readersPerDrive());
        assertEquals(3, settings.settleSeconds());
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void commaListsAreTrimmedAndNormalised() {
        ScannerSettings settings = ScannerSettings.parse(Map.of(
                "mediaDirs", " /media/a , ,/media/b/../c ",
                "includeExtensions", "MP4, .MKV ,webm",
                "excludeDirs", "Samples, /media/a/private",
                "hashAlgorithms", "SHA-256, md5"));

        assertEquals(List.of(Path.of("/media/a"), Path.of("/media/c")), settings.mediaDirs());
        assertEquals(Set.of(".mp4", ".mkv", ".webm"), settings.includeExtensions());
        assertEquals(Set.of("samples"), settings.excludeNames());
        assertEquals(List.of(Path.of("/media/a/private")), settings.excludePaths());
        assertEquals(List.of("sha256", "md5"), List.copyOf(settings.hashAlgorithms()));
    }

    @Test
    void badValuesBecomeProblemsAndDefaults() {
        ScannerSettings settings = ScannerSettings.parse(Map.of(
                "scanIntervalMinutes", -5,
                "includeExtensions", " , ",
                "hashAlgorithms", ",",
                "readersPerDrive", "many",
                "settleSeconds", "-1",
                "watchEnabled", "maybe",
                "mediaDirs", "relative/dir,/ok"));

        assertEquals(60, settings.scanIntervalMinutes());
        assertEquals(Set.of(".mp4", ".mkv", ".avi", ".mov"), settings.includeExtensions());
        assertEquals(List.of("md5", "sha1"), List.copyOf(settings.hashAlgorithms()));
        assertEquals(1, settings.readersPerDrive());
        assertEquals(3, settings.settleSeconds());
        assertTrue(settings.watchEnabled());
        assertEquals(List.of(Path.of("/ok")), settings.mediaDirs());
        assertEquals(7, settings.problems().size(), settings.problems().toString());
    }

    @Test
    void stringNumbersAndBooleansFromCfgFilesAreAccepted() {
        ScannerSettings settings = ScannerSettings.parse(Map.of("scanIntervalMinutes", "0",
                "extractMetadata", "false", "readersPerDrive", 2L));

        assertEquals(0, settings.scanIntervalMinutes());
        assertFalse(settings.extractMetadata());
        assertEquals(2, settings.readersPerDrive());
        assertTrue(settings.problems().isEmpty());
    }
}
