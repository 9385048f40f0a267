package org.giggityflix.peer.catalog.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

import org.giggityflix.peer.api.catalog.CatalogCopy;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CatalogCopier} is responsible for consistent copies of the running catalog: SQLite's {@code VACUUM INTO}
 * on a read connection, checked, and moved into place only when complete.
 *
 * <p>Each copy has a connection of its own (read connections are {@code query_only}, which refuses
 * {@code VACUUM INTO}). {@code VACUUM INTO} reads the database in one read transaction: in WAL mode that is one moment of the catalog,
 * and writers go on committing meanwhile. The copy is written beside the target as {@code NAME.partial}, checked
 * ({@code integrity_check}, schema version, rows) through {@code ATTACH}, then renamed: a full or read-only disk
 * leaves neither a target nor a partial file behind.
 */
final class CatalogCopier {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCopier.class);
    private static final String PARTIAL_SUFFIX = ".partial";

    private final Connections connections;
    private final Path databaseFile;

    CatalogCopier(Connections connections, Path databaseFile) {
        this.connections = connections;
        this.databaseFile = databaseFile;
    }

    CatalogCopy copyTo(Path target) {
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new CatalogException("cannot write the catalog copy " + file + ": folder " + folder
                    + " does not exist");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new CatalogException("cannot write the catalog copy " + file + ": the file exists (not overwritten)");
        }
        if (!Files.isWritable(folder)) {
            throw new CatalogException("cannot write the catalog copy " + file + ": folder " + folder
                    + " is not writable");
        }
        Path partial = folder.resolve(file.getFileName() + PARTIAL_SUFFIX);
        try {
            deleteIfExists(partial);
            CatalogCopy copy = copyOnItsOwnConnection(partial, file);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("catalog copied to {} (schema version {}, {} files, {} bytes)", file, copy.schemaVersion(),
                    copy.mediaFiles(), copy.bytes());
            return copy;
        } catch (CatalogException e) {
            removeQuietly(partial);
            throw new CatalogException("cannot write the catalog copy " + file + ": " + reason(e), e);
        } catch (IOException | RuntimeException e) {
            removeQuietly(partial);
            throw new CatalogException("cannot write the catalog copy " + file + ": " + e.getMessage(), e);
        }
    }

    private CatalogCopy copyOnItsOwnConnection(Path partial, Path file) {
        try (Statements db = connections.openCopier()) {
            return copy(db, partial, file);
        } catch (SQLException e) {
            throw SqliteErrors.translate(e, databaseFile, "copying");
        }
    }

    private static CatalogCopy copy(Statements db, Path partial, Path file) throws SQLException {
        db.update("VACUUM INTO ?", partial.toString());
        db.update("ATTACH DATABASE ? AS copy", partial.toString());
        try {
            String integrity = db.queryString("PRAGMA copy.integrity_check");
            if (!"ok".equals(integrity)) {
                throw new CatalogException("the copy failed SQLite's integrity check: " + integrity);
            }
            int version = (int) db.queryLong("PRAGMA copy.user_version");
            long rows = db.queryLong("SELECT count(*) FROM copy.media_files");
            return new CatalogCopy(file, version, rows, partialSize(partial));
        } finally {
            db.execute("DETACH DATABASE copy");
        }
    }

    private static long partialSize(Path partial) {
        try {
            return Files.size(partial);
        } catch (IOException e) {
            throw new CatalogException("the copy vanished while being checked: " + partial, e);
        }
    }

    /** What went wrong in words an owner can act on: SQLite's codes for the copy, not for the catalog. */
    private static String reason(CatalogException e) {
        return switch (SqliteErrors.resultCode(e)) {
            case SqliteErrors.SQLITE_FULL -> "disk full (nothing was left behind)";
            case SqliteErrors.SQLITE_READONLY, SqliteErrors.SQLITE_CANTOPEN -> "the folder is not writable";
            case SqliteErrors.SQLITE_IOERR -> "I/O error (" + e.getCause().getMessage() + ")";
            default -> e.getMessage();
        };
    }

    private static void deleteIfExists(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + "-journal"));
    }

    private static void removeQuietly(Path partial) {
        try {
            deleteIfExists(partial);
        } catch (IOException e) {
            LOG.warn("could not remove the incomplete catalog copy {}: {}", partial, e.getMessage());
        }
    }
}
