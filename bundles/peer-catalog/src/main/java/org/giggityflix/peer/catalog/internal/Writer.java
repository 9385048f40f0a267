package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Writer} is responsible for the single writer connection: every write transaction of the catalog runs here,
 * one at a time, all-or-nothing.
 *
 * <p>Writers queue on a Java lock rather than on SQLite's: waiting in SQLite means busy-timeout polling and
 * {@code SQLITE_BUSY} errors under load, while a fair Java lock costs nothing and keeps arrival order.
 */
final class Writer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);

    private final Connections connections;
    private final Path databaseFile;
    private final ChangeNotifier notifier;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Guarded by {@link #lock}; null before opening and after a failure that made the connection suspect. */
    private Statements db;
    private boolean closed;
    /** Whether the connection is at {@code synchronous = NORMAL} now; guarded by {@link #lock}. */
    private boolean relaxed;
    /** WAL mode: only then may a write be relaxed (NORMAL can corrupt a rollback journal on power loss). */
    private boolean wal;
    /** Committed transactions so far; written under {@link #lock} only. */
    private volatile long generation;

    Writer(Connections connections, Path databaseFile, ChangeNotifier notifier, Clock clock) {
        this.connections = connections;
        this.databaseFile = databaseFile;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Opens the connection, turns on WAL and migrates the schema. */
    List<Migration> open(List<Migration> migrations) {
        lock.lock();
        try {
            Statements statements = connection();
            enableWal(statements);
            return new SchemaMigrator(statements, databaseFile).migrate(migrations);
        } catch (SQLException e) {
            throw SqliteErrors.translate(e, databaseFile, "opening");
        } finally {
            lock.unlock();
        }
    }

    private void enableWal(Statements statements) throws SQLException {
        String mode = statements.queryString("PRAGMA journal_mode = WAL").toLowerCase(Locale.ROOT);
        wal = "wal".equals(mode);
        if (!wal) {
            // Some network file systems cannot share memory for WAL; SQLite then stays in rollback mode.
            LOG.warn("catalog {} could not use WAL (journal mode is '{}'): readers will wait for writers",
                    databaseFile, mode);
        }
    }

    /** Runs {@code work} in one durable transaction, then queues its changes for the listeners in commit order. */
    <T> T transact(Function<SqliteCatalogBatch, T> work) {
        return transact(work, true);
    }

    /**
     * Runs {@code work} in one transaction; {@code durable = false} commits at {@code synchronous = NORMAL}: in WAL
     * mode still atomic and consistent after a crash or a power cut, but the last such commits may be lost on a
     * power cut (a later durable commit syncs them too, the WAL being written in order).
     */
    <T> T transact(Function<SqliteCatalogBatch, T> work, boolean durable) {
        if (lock.isHeldByCurrentThread()) {
            throw new CatalogException("write() was called inside a write; use the CatalogBatch you were given");
        }
        lock.lock();
        try {
            return inTransaction(work, durable);
        } finally {
            lock.unlock();
        }
    }

    /** Committed transactions since the catalog opened (see {@code MediaCatalog.generation()}). */
    long generation() {
        return generation;
    }

    private <T> T inTransaction(Function<SqliteCatalogBatch, T> work, boolean durable) {
        Statements statements = connection();
        synchronous(statements, durable || !wal);
        begin(statements);
        SqliteCatalogBatch batch = new SqliteCatalogBatch(statements, databaseFile, clock);
        T result;
        try {
            result = work.apply(batch);
            statements.execute("COMMIT");
            generation++;
        } catch (SQLException e) {
            rollback(statements);
            throw SqliteErrors.translate(e, databaseFile, "committing");
        } catch (CatalogException e) {
            rollback(statements);
            throw e;
        } catch (RuntimeException e) {
            rollback(statements);
            throw new CatalogException("catalog write failed and was rolled back: " + e, e);
        } catch (Error e) {
            rollback(statements);
            throw e;
        } finally {
            batch.close();
        }
        // Still under the lock: the queue order is the commit order.
        notifier.publish(batch.changes());
        return result;
    }

    /** Switches the connection's {@code synchronous} level when it differs from what this transaction needs. */
    private void synchronous(Statements statements, boolean durable) {
        if (relaxed == !durable) {
            return;
        }
        try {
            statements.execute(durable ? Connections.SYNCHRONOUS_FULL : Connections.SYNCHRONOUS_NORMAL);
            statements.execute(durable ? Connections.AUTOCHECKPOINT_DEFAULT : Connections.AUTOCHECKPOINT_SCAN);
            relaxed = !durable;
        } catch (SQLException e) {
            discard();
            throw SqliteErrors.translate(e, databaseFile, "setting the durability of a write");
        }
    }

    private void begin(Statements statements) {
        try {
            // IMMEDIATE: take the write lock now, so a transaction never fails half-way on a lock upgrade.
            statements.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            discard();
            throw SqliteErrors.translate(e, databaseFile, "starting a write");
        }
    }

    private void rollback(Statements statements) {
        try {
            statements.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite rolls back by itself on some errors (disk full, I/O); a fresh connection is the safe next step.
            LOG.debug("rollback on {} failed ({}); reopening the writer connection", databaseFile, e.getMessage());
            discard();
        }
    }

    private Statements connection() {
        if (closed) {
            throw new CatalogException("the catalog is closed: " + databaseFile);
        }
        if (db == null) {
            try {
                db = connections.openWriter();
            } catch (SQLException e) {
                throw SqliteErrors.translate(e, databaseFile, "opening the writer connection");
            }
        }
        return db;
    }

    private void discard() {
        if (db != null) {
            db.close();
            db = null;
        }
        // A new connection starts at the writer settings (synchronous = FULL).
        relaxed = false;
    }

    /** Waits for a running write to finish, then closes the connection. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            discard();
        } finally {
            lock.unlock();
        }
    }
}
