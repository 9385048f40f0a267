package org.giggityflix.peer.backup.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.api.backup.BackupException;
import org.giggityflix.peer.catalog.internal.SqliteMediaCatalog;
import org.giggityflix.peer.testsupport.SmallDisk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BackupRestoreTest} is responsible for proving the round trip an owner relies on: {@code peer:backup} of a
 * running peer, then {@code bin/peer restore} (peer stopped) puts back the catalog, settings, users, keys and peer
 * id, keeping what it replaced; and that every bad archive (corrupt, foreign, newer schema, another peer's) is
 * refused with the reason and changes nothing, and a backup to a full or read-only disk leaves no file behind.
 */
class BackupRestoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T03:15:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path dataDir;
    private Path etc;
    private Path backups;

    @BeforeEach
    void peer() throws IOException {
        dataDir = tmp.resolve("data");
        etc = tmp.resolve("etc");
        backups = Files.createDirectories(tmp.resolve("backups"));
        Peers.setUp(dataDir, etc);
    }

    private BackupArchive backupOfFiles(int files) {
        try (SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            Peers.addFiles(catalog, "a/", files);
            return writer(catalog).write(backups.resolve("backup.zip"));
        }
    }

    private ArchiveWriter writer(SqliteMediaCatalog catalog) {
        return new ArchiveWriter(catalog, etc, dataDir, Peers.PEER_ID, CLOCK);
    }

    private Restore restore() {
        return new Restore(dataDir, etc, Peers.realCheck(), CLOCK);
    }

    @Test
    void aBackupHoldsTheCatalogSettingsKeysAndPeerIdAndRestoresThem() throws Exception {
        BackupArchive archive = backupOfFiles(120);

        assertEquals(backups.resolve("backup.zip"), archive.file());
        assertEquals(Peers.PEER_ID, archive.peerId());
        assertEquals(120, archive.mediaFiles());
        assertEquals(List.of("etc/keys.properties", "etc/org.giggityflix.peer.scanner.cfg",
                "etc/org.ops4j.pax.web.cfg", "etc/peer-cli.key", "etc/peer-https.p12", "etc/users.properties",
                "data/api-tokens", "data/peer-id", "data/stream-link.key"), archive.entries());
        try (ZipFile zip = new ZipFile(archive.file().toFile())) {
            assertEquals(BackupConstants.MANIFEST, zip.entries().nextElement().getName(), "the manifest comes first");
            assertTrue(zip.getEntry("etc/org.apache.karaf.shell.cfg") == null, "Karaf's own files stay out");
            assertEquals(11, zip.size(), "manifest, catalog and the files above; no cache");
        }
        assertEquals(List.of(archive.file()), list(backups), "no partial or catalog copy left beside it");

        // Later the owner loses things: more rows, a changed setting, a new password.
        try (SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            Peers.addFiles(catalog, "later/", 5);
        }
        Files.writeString(etc.resolve("org.giggityflix.peer.scanner.cfg"), "mediaDirs = /elsewhere\n");
        Files.writeString(etc.resolve("users.properties"), "admin = changed\n");
        Files.delete(dataDir.resolve("api-tokens"));
        Files.write(etc.resolve("peer-https.p12"), new byte[] {1, 2, 3});
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.ops4j.pax.web.ssl.keystore.password = pw2\n");

        Restore.Result result = restore().run(archive.file(), false);

        assertEquals(Peers.PEER_ID, result.peerId());
        assertEquals(120, Peers.count(dataDir.resolve("catalog.db"), "SELECT count(*) FROM media_files"));
        assertEquals("mediaDirs = /srv/media/films\n", Peers.read(etc.resolve("org.giggityflix.peer.scanner.cfg")));
        assertEquals("admin = {CRYPT}abc{CRYPT},_g_:admingroup\n", Peers.read(etc.resolve("users.properties")));
        assertEquals("sshPort = 8101\n", Peers.read(etc.resolve("org.apache.karaf.shell.cfg")));
        assertTrue(Peers.read(dataDir.resolve("api-tokens")).startsWith("prometheus\tREAD_ONLY"), "API tokens back");
        assertArrayEquals(new byte[] {0x30, (byte) 0x82, 0x0a, 0x01}, Files.readAllBytes(etc.resolve("peer-https.p12")),
                "the HTTPS certificate the browsers accepted");
        assertEquals("org.ops4j.pax.web.ssl.keystore.password = pw1\n", Peers.read(etc.resolve("org.ops4j.pax.web.cfg")),
                "with the store password that opens it");
        // What it replaced is kept.
        Path previous = dataDir.resolve("before-restore-20261207-031500");
        assertEquals(result.previous(), previous);
        assertEquals(125, Peers.count(previous.resolve("catalog.db"), "SELECT count(*) FROM media_files"));
        assertEquals("admin = changed\n", Peers.read(previous.resolve("etc/users.properties")));
        // The restored catalog opens and works.
        try (SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            assertTrue(catalog.findByPath(Path.of("/srv/media/films/a/7.mkv")).isPresent());
            assertTrue(catalog.findByPath(Path.of("/srv/media/films/later/0.mkv")).isEmpty());
        }
        assertFalse(list(dataDir).stream().anyMatch(p -> p.getFileName().toString().startsWith(".restore-")),
                "the staging folder is gone");
    }

    @Test
    void aBackupOntoAnEmptyMachineRestoresThePeer() throws Exception {
        BackupArchive archive = backupOfFiles(3);
        Path newData = tmp.resolve("new-machine/data");
        Path newEtc = Files.createDirectories(tmp.resolve("new-machine/etc"));

        new Restore(newData, newEtc, Peers.realCheck(), CLOCK).run(archive.file(), false);

        assertEquals(Peers.PEER_ID + "\n", Peers.read(newData.resolve("peer-id")));
        assertEquals(3, Peers.count(newData.resolve("catalog.db"), "SELECT count(*) FROM media_files"));
        assertTrue(Files.exists(newEtc.resolve("peer-cli.key")));
        assertEquals("secret", Peers.read(newData.resolve("stream-link.key")));
    }

    @Test
    void aCorruptArchiveIsRefusedAndNothingChanges() throws Exception {
        BackupArchive archive = backupOfFiles(2_000);
        byte[] bytes = Files.readAllBytes(archive.file());
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(archive.file(), bytes);

        assertRefused(archive.file(), "refused " + archive.file());
    }

    @Test
    void anArchiveWhoseCatalogIsDamagedIsRefused() throws Exception {
        BackupArchive archive = backupOfFiles(2_000);
        Path damaged = tmp.resolve("damaged.zip");
        // A well-formed zip (CRCs right) whose catalog pages are overwritten: only SQLite's check can tell.
        rewrite(archive.file(), damaged, (name, bytes) -> {
            if (name.equals(BackupConstants.CATALOG)) {
                for (int i = 8192; i < bytes.length - 4096; i += 4096) {
                    java.util.Arrays.fill(bytes, i + 100, i + 400, (byte) 0x42);
                }
            }
            return bytes;
        });

        assertRefused(damaged, "its catalog is corrupt");
    }

    @Test
    void aForeignArchiveIsRefused() throws Exception {
        Path notZip = Files.writeString(tmp.resolve("holiday.tar.gz"), "not a zip at all");
        assertRefused(notZip, "not a readable zip archive");

        Path otherZip = tmp.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            zip.putNextEntry(new ZipEntry("IMG_0001.jpg"));
            zip.write(new byte[] {1, 2, 3});
        }
        assertRefused(otherZip, "not a Giggityflix peer backup (no backup.properties)");

        BackupArchive archive = backupOfFiles(1);
        Path climbing = tmp.resolve("climbing.zip");
        rewrite(archive.file(), climbing, (name, bytes) -> bytes, "etc/../../../root/.ssh/authorized_keys");
        assertRefused(climbing, "unexpected entry 'etc/../../../root/.ssh/authorized_keys'");
    }

    @Test
    void anArchiveOfANewerSchemaIsRefused() throws Exception {
        BackupArchive archive = backupOfFiles(1);
        int newer = archive.schemaVersion() + 1;
        Path extracted = tmp.resolve("newer.db");
        Path newerZip = tmp.resolve("newer.zip");
        rewrite(archive.file(), newerZip, (name, bytes) -> {
            if (name.equals(BackupConstants.CATALOG)) {
                Files.write(extracted, bytes);
                Peers.execute(extracted, "PRAGMA user_version = " + newer);
                return Files.readAllBytes(extracted);
            }
            if (name.equals(BackupConstants.MANIFEST)) {
                return new String(bytes).replace("schemaVersion=" + archive.schemaVersion(),
                        "schemaVersion=" + newer).getBytes();
            }
            return bytes;
        });

        assertRefused(newerZip, "its catalog has schema version " + newer + ", written by a newer peer");
    }

    @Test
    void anotherPeersArchiveIsRefusedUnlessAsked() throws Exception {
        BackupArchive archive = backupOfFiles(4);
        Files.writeString(dataDir.resolve("peer-id"), "another-peer\n");

        assertRefused(archive.file(), "belongs to peer 'another-peer'");

        restore().run(archive.file(), true);
        assertEquals(Peers.PEER_ID + "\n", Peers.read(dataDir.resolve("peer-id")));
    }

    @Test
    void aBackupToAReadOnlyFolderFailsAndLeavesNothing() throws Exception {
        assumeTrue(chattr("+i", backups), "cannot make a folder immutable here (needs root)");
        try (SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            BackupException e = assertThrows(BackupException.class,
                    () -> writer(catalog).write(backups.resolve("b.zip")));
            assertTrue(e.getMessage().startsWith("cannot write the backup " + backups.resolve("b.zip") + ": "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        } finally {
            chattr("-i", backups);
        }
        assertEquals(List.of(), list(backups));
    }

    @Test
    void aBackupToAFullDiskFailsAndLeavesNothing() throws Exception {
        Optional<SmallDisk> mounted = SmallDisk.mount(tmp.resolve("small"), 96);
        assumeTrue(mounted.isPresent(), "cannot mount a small tmpfs here (needs root)");
        try (SmallDisk disk = mounted.get(); SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            Peers.addFiles(catalog, "a-rather-long-folder-name/".repeat(4), 3_000);
            Path target = disk.dir().resolve("b.zip");

            BackupException e = assertThrows(BackupException.class, () -> writer(catalog).write(target));

            assertTrue(e.getMessage().startsWith("cannot write the backup " + target + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("disk full"), e.getMessage());
            assertEquals(List.of(), list(disk.dir()));
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path target = Files.writeString(backups.resolve("mine.zip"), "precious");
        try (SqliteMediaCatalog catalog = Peers.catalog(dataDir)) {
            BackupException e = assertThrows(BackupException.class, () -> writer(catalog).write(target));
            assertTrue(e.getMessage().contains("exists"), e.getMessage());
        }
        assertEquals("precious", Peers.read(target));
    }

    private void assertRefused(Path archive, String expected) throws IOException {
        Map<String, String> before = Peers.fingerprint(dataDir, etc);
        RestoreException e = assertThrows(RestoreException.class, () -> restore().run(archive, false));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.changedNothing());
        assertEquals(before, Peers.fingerprint(dataDir, etc), "nothing changed");
    }

    /** {@code Rewriter} is responsible for changing one entry's bytes while an archive is copied. */
    @FunctionalInterface
    private interface Rewriter {
        byte[] apply(String name, byte[] bytes) throws IOException;
    }

    private static void rewrite(Path from, Path to, Rewriter rewriter, String... extraEntries) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(rewriter.apply(entry.getName(), bytes));
                out.closeEntry();
            }
            for (String extra : extraEntries) {
                out.putNextEntry(new ZipEntry(extra));
                out.write("ssh-rsa AAAA".getBytes());
                out.closeEntry();
            }
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static boolean chattr(String flag, Path dir) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
