package org.giggityflix.peer.catalog.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.giggityflix.peer.api.catalog.CatalogException;

/**
 * {@code ReadPool} is responsible for the read connections: each read borrows one, so reads run beside each other
 * and beside the writer (WAL readers see the last commit and never wait for the writer).
 *
 * <p>A read is one statement, hence one consistent snapshot. Up to {@link CatalogConstants#IDLE_READ_CONNECTIONS}
 * connections are kept between reads; a burst above that opens extra ones and closes them afterwards, so there is
 * no waiting and no bound to tune.
 */
final class ReadPool implements AutoCloseable {

    private final Connections connections;
    private final Path databaseFile;
    private final Deque<Statements> idle = new ArrayDeque<>();
    private boolean closed;

    ReadPool(Connections connections, Path databaseFile) {
        this.connections = connections;
        this.databaseFile = databaseFile;
    }

    <T> T read(SqlFunction<Statements, T> query) {
        Statements db = borrow();
        boolean healthy = false;
        try {
            T result = query.apply(db);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw SqliteErrors.translate(e, databaseFile, "reading");
        } finally {
            // A connection that saw an error is not trusted with the next read.
            if (healthy) {
                giveBack(db);
            } else {
                db.close();
            }
        }
    }

    private Statements borrow() {
        synchronized (idle) {
            if (closed) {
                throw new CatalogException("the catalog is closed: " + databaseFile);
            }
            Statements db = idle.pollFirst();
            if (db != null) {
                return db;
            }
        }
        try {
            return connections.openReader();
        } catch (SQLException e) {
            throw SqliteErrors.translate(e, databaseFile, "opening a read connection");
        }
    }

    private void giveBack(Statements db) {
        synchronized (idle) {
            if (!closed && idle.size() < CatalogConstants.IDLE_READ_CONNECTIONS) {
                idle.addFirst(db);
                return;
            }
        }
        db.close();
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Statements::close);
            idle.clear();
        }
    }
}
