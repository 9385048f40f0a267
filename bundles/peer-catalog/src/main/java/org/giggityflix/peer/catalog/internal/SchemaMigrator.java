package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SchemaMigrator} is responsible for bringing a database to the newest schema, each missing
 * {@link Migration} exactly once.
 *
 * <p>{@code PRAGMA user_version} lives in the database header, which SQLite writes transactionally: each step and
 * its version bump commit together, so a crash mid-migration leaves the previous version, never half a step.
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final Statements db;
    private final Path databaseFile;

    SchemaMigrator(Statements db, Path databaseFile) {
        this.db = db;
        this.databaseFile = databaseFile;
    }

    /** @return the migrations this call applied, oldest first (empty when the schema was current) */
    List<Migration> migrate(List<Migration> migrations) throws SQLException {
        int current = userVersion();
        if (current > migrations.size()) {
            throw new CatalogException("catalog database " + databaseFile + " has schema version " + current
                    + " but this peer knows only up to " + migrations.size() + ": it was written by a newer peer");
        }
        List<Migration> applied = new ArrayList<>();
        for (Migration migration : migrations.subList(current, migrations.size())) {
            if (apply(migration)) {
                applied.add(migration);
            }
        }
        return applied;
    }

    private boolean apply(Migration migration) throws SQLException {
        // IMMEDIATE takes the write lock before reading the version, so no other process can step in between.
        db.execute("BEGIN IMMEDIATE");
        try {
            if (userVersion() >= migration.version()) {
                db.execute("ROLLBACK");
                return false;
            }
            for (String statement : migration.statements()) {
                db.execute(statement);
            }
            db.execute("PRAGMA user_version = " + migration.version());
            db.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw failed(migration, e);
        }
        LOG.info("catalog {}: applied {}", databaseFile, migration);
        return true;
    }

    private CatalogException failed(Migration migration, Exception e) {
        String reason = e instanceof SQLException sql
                ? SqliteErrors.translate(sql, databaseFile, "migrating").getMessage()
                : e.toString();
        return new CatalogException(migration + " failed and was rolled back: " + reason, e);
    }

    private void rollbackQuietly() {
        try {
            db.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (disk full, I/O error); nothing is left to undo.
            LOG.debug("rollback after a failed migration: {}", e.getMessage());
        }
    }

    int userVersion() throws SQLException {
        return (int) db.queryLong("PRAGMA user_version");
    }
}
