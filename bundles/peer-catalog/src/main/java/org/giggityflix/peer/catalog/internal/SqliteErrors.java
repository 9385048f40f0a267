package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.sql.SQLException;

import org.giggityflix.peer.api.catalog.CatalogException;

/**
 * {@code SqliteErrors} is responsible for turning SQLite failures into {@link CatalogException}s an owner can act on.
 *
 * <p>It reads SQLite's primary result code from {@link SQLException#getErrorCode()} so that the bundle never has to
 * import the driver's own classes ({@code org.sqlite}).
 */
final class SqliteErrors {

    static final int SQLITE_BUSY = 5;
    static final int SQLITE_LOCKED = 6;
    static final int SQLITE_READONLY = 8;
    static final int SQLITE_IOERR = 10;
    static final int SQLITE_CORRUPT = 11;
    static final int SQLITE_FULL = 13;
    static final int SQLITE_CANTOPEN = 14;
    static final int SQLITE_CONSTRAINT = 19;
    static final int SQLITE_NOTADB = 26;

    private SqliteErrors() {
    }

    /** The primary SQLite result code of the first SQL exception in the chain that carries one, else 0. */
    static int resultCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                // Extended codes (e.g. 2067 SQLITE_CONSTRAINT_UNIQUE) keep the primary code in the low byte.
                return sql.getErrorCode() & 0xff;
            }
        }
        return 0;
    }

    /**
     * @param doing what the catalog was doing, for the message of errors without a better one ("reading", ...)
     */
    static CatalogException translate(SQLException e, Path databaseFile, String doing) {
        return new CatalogException(message(resultCode(e), databaseFile, doing, e), e);
    }

    private static String message(int code, Path db, String doing, SQLException e) {
        return switch (code) {
            case SQLITE_READONLY -> "catalog database is read-only: " + db;
            case SQLITE_FULL -> "disk full while writing the catalog: " + db + " (the write was rolled back)";
            case SQLITE_BUSY, SQLITE_LOCKED -> "catalog database is locked by another process: " + db;
            case SQLITE_CORRUPT, SQLITE_NOTADB -> "catalog database is corrupt or not a database: " + db;
            case SQLITE_CANTOPEN -> "cannot open the catalog database: " + db + " (is DATA_DIR writable?)";
            case SQLITE_IOERR -> "I/O error on the catalog database while " + doing + ": " + db
                    + " (" + e.getMessage() + ")";
            default -> "catalog database error while " + doing + " " + db + ": " + e.getMessage();
        };
    }
}
