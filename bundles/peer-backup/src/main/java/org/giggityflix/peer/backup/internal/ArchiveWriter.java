package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.api.backup.BackupException;
import org.giggityflix.peer.api.catalog.CatalogBackup;
import org.giggityflix.peer.api.catalog.CatalogCopy;
import org.giggityflix.peer.api.catalog.CatalogException;

/**
 * {@code ArchiveWriter} is responsible for writing one backup archive completely or not at all: the catalog copied
 * beside the target, the zip written as {@code NAME.partial} and synced, then renamed to the target. Whatever
 * fails (full or read-only disk, catalog gone), the partial files are removed and the reason is thrown.
 */
final class ArchiveWriter {

    private final CatalogBackup catalog;
    private final Path etcDir;
    private final Path dataDir;
    private final String peerId;
    private final Clock clock;

    ArchiveWriter(CatalogBackup catalog, Path etcDir, Path dataDir, String peerId, Clock clock) {
        this.catalog = catalog;
        this.etcDir = etcDir;
        this.dataDir = dataDir;
        this.peerId = peerId;
        this.clock = clock;
    }

    BackupArchive write(Path target) {
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw failed(file, "folder " + folder + " does not exist");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw failed(file, "the file exists (not overwritten)");
        }
        Path partial = folder.resolve(file.getFileName() + ".partial");
        Path catalogCopy = folder.resolve(file.getFileName() + ".catalog.partial");
        boolean done = false;
        try {
            Instant created = clock.instant();
            CatalogCopy copy = catalog.copyTo(catalogCopy);
            List<String> entries = zip(partial, copy, created);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return new BackupArchive(file, peerId, copy.schemaVersion(), copy.mediaFiles(), entries, Files.size(file),
                    created);
        } catch (CatalogException e) {
            throw failed(file, e.getMessage(), e);
        } catch (IOException e) {
            throw failed(file, reason(e), e);
        } finally {
            deleteQuietly(catalogCopy);
            if (!done) {
                deleteQuietly(partial);
            }
        }
    }

    private List<String> zip(Path partial, CatalogCopy copy, Instant created) throws IOException {
        List<String> entries = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(BackupConstants.MANIFEST));
            manifest(copy, created).store(zip, "Giggityflix peer backup: restore with bin/peer restore ARCHIVE");
            zip.closeEntry();
            put(zip, BackupConstants.CATALOG, copy.file());
            for (Path setting : files(etcDir, BackupConstants::isSetting)) {
                String name = BackupConstants.ETC + setting.getFileName();
                put(zip, name, setting);
                entries.add(name);
            }
            for (Path data : files(dataDir, BackupConstants::isDataFile)) {
                String name = BackupConstants.DATA + data.getFileName();
                put(zip, name, data);
                entries.add(name);
            }
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return entries;
    }

    private Properties manifest(CatalogCopy copy, Instant created) {
        Properties manifest = new Properties();
        manifest.setProperty(BackupConstants.KEY_FORMAT, BackupConstants.FORMAT);
        manifest.setProperty(BackupConstants.KEY_FORMAT_VERSION, String.valueOf(BackupConstants.FORMAT_VERSION));
        manifest.setProperty(BackupConstants.KEY_PEER_ID, peerId);
        manifest.setProperty(BackupConstants.KEY_SCHEMA_VERSION, String.valueOf(copy.schemaVersion()));
        manifest.setProperty(BackupConstants.KEY_MEDIA_FILES, String.valueOf(copy.mediaFiles()));
        manifest.setProperty(BackupConstants.KEY_CREATED, created.toString());
        return manifest;
    }

    private static List<Path> files(Path folder, Predicate<String> wanted) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> wanted.test(f.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    private static void put(ZipOutputStream zip, String name, Path file) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(Files.getLastModifiedTime(file));
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
    }

    /** The cause in words an owner can act on. */
    static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            return "disk full (nothing was left behind)";
        }
        if (e instanceof AccessDeniedException || message.contains("Read-only file system")) {
            return "the folder is not writable";
        }
        return e.toString();
    }

    private static BackupException failed(Path file, String reason) {
        return new BackupException("cannot write the backup " + file + ": " + reason);
    }

    private static BackupException failed(Path file, String reason, Exception cause) {
        return new BackupException("cannot write the backup " + file + ": " + reason, cause);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing more to do: the next backup to the same name fails on it with a clear message.
        }
    }
}
