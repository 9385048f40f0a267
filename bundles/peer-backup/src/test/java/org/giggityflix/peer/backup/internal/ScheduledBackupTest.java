package org.giggityflix.peer.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.catalog.internal.SqliteMediaCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ScheduledBackupTest} is responsible for the scheduled backups' settings and housekeeping: the default folder
 * under DATA_DIR, dated names, keeping the newest N of them only, never touching an archive the owner named, and
 * bad settings falling back to something sensible.
 */
class ScheduledBackupTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:15:00Z");

    @TempDir
    Path tmp;

    @Test
    void aScheduledRunWritesADatedArchiveAndKeepsTheLastN() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path etc = tmp.resolve("etc");
        Peers.setUp(dataDir, etc);
        Path folder = Files.createDirectories(dataDir.resolve("backups"));
        for (String day : List.of("20261204", "20261205", "20261206")) {
            Files.writeString(folder.resolve("peer-backup-" + day + "-031500.zip"), day);
        }
        Files.writeString(folder.resolve("before-moving.zip"), "the owner's own");

        try (SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            Peers.addFiles(catalog, "a/", 3);
            BackupComponent component = new BackupComponent(catalog, Peers.identity(dataDir), etc,
                    Clock.fixed(NOW, ZoneOffset.UTC), Peers.config(0, "", 2));
            try {
                assertEquals(folder, component.folder());
                component.scheduled();
            } finally {
                component.deactivate();
            }
        }

        assertEquals(List.of(folder.resolve("peer-backup-20261206-031500.zip"),
                folder.resolve("peer-backup-20261207-031500.zip")), BackupRetention.dated(folder));
        assertTrue(Files.exists(folder.resolve("before-moving.zip")), "an archive with another name stays");
        assertEquals(Optional.of(NOW), BackupRetention.newest(folder));
    }

    @Test
    void peerBackupWithoutAFileWritesADatedArchiveInTheFolder() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path etc = tmp.resolve("etc");
        Peers.setUp(dataDir, etc);
        Path folder = tmp.resolve("elsewhere/backups");
        try (SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            BackupComponent component = new BackupComponent(catalog, Peers.identity(dataDir), etc,
                    Clock.fixed(NOW, ZoneOffset.UTC), Peers.config(24, folder.toString(), 7));
            try {
                BackupArchive archive = component.backup(Optional.empty());
                assertEquals(folder.resolve("peer-backup-20261207-031500.zip"), archive.file());
                assertTrue(Files.isRegularFile(archive.file()));
            } finally {
                component.deactivate();
            }
        }
    }

    @Test
    void badSettingsFallBackToSensibleOnes() {
        Path dataDir = tmp.resolve("data");
        BackupComponent.Settings settings = BackupComponent.settings(Peers.config(-3, "  ", 0), dataDir);
        assertTrue(settings.interval().isZero(), "a negative interval turns scheduled backups off");
        assertEquals(dataDir.resolve("backups"), settings.folder());
        assertEquals(1, settings.keepLast());
    }
}
