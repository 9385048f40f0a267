package org.giggityflix.peer.catalog.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Statements} is responsible for one open connection and the prepared statements cached on it.
 *
 * <p>Preparing is a large share of a small SQLite statement's cost, and a scan runs the same few statements
 * thousands of times; so each connection keeps its statements until it is closed. Not thread-safe: a connection is
 * used by one thread at a time (the writer under its lock, a reader while borrowed).
 */
final class Statements implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Statements.class);

    private final Connection connection;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    Statements(Connection connection) {
        this.connection = connection;
    }

    /** Runs SQL that takes no parameters (pragmas, DDL, transaction control). */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    int update(String sql, Object... params) throws SQLException {
        return prepared(sql, params).executeUpdate();
    }

    <T> Optional<T> queryOne(String sql, SqlFunction<ResultSet, T> row, Object... params) throws SQLException {
        try (ResultSet rs = prepared(sql, params).executeQuery()) {
            return rs.next() ? Optional.of(row.apply(rs)) : Optional.empty();
        }
    }

    <T> List<T> queryAll(String sql, SqlFunction<ResultSet, T> row, Object... params) throws SQLException {
        try (ResultSet rs = prepared(sql, params).executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.apply(rs));
            }
            return rows;
        }
    }

    /** Hands each row to {@code row} as it is read, keeping none. */
    void queryEach(String sql, SqlConsumer<ResultSet> row, Object... params) throws SQLException {
        try (ResultSet rs = prepared(sql, params).executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    long queryLong(String sql, Object... params) throws SQLException {
        return queryOne(sql, rs -> rs.getLong(1), params)
                .orElseThrow(() -> new SQLException("no row from " + sql));
    }

    String queryString(String sql) throws SQLException {
        return queryOne(sql, rs -> rs.getString(1)).orElse("");
    }

    private PreparedStatement prepared(String sql, Object... params) throws SQLException {
        PreparedStatement statement = cache.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            cache.put(sql, statement);
        }
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    @Override
    public void close() {
        cache.values().forEach(Statements::closeQuietly);
        cache.clear();
        closeQuietly(connection);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort: SQLite rolls back whatever the connection left open.
            LOG.debug("closing {} failed", closeable, e);
        }
    }
}
