package org.giggityflix.peer.catalog.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.ops4j.pax.jdbc.sqlite.impl.SqliteDataSourceFactory;
import org.osgi.service.jdbc.DataSourceFactory;
import org.sqlite.SQLiteDataSource;

/**
 * {@code TestDatabases} is responsible for the real SQLite data sources and raw SQL the catalog tests use.
 */
final class TestDatabases {

    private TestDatabases() {
    }

    /** The same factory pax-jdbc-sqlite publishes in Karaf. */
    static DataSource sqlite(Path db) {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, "jdbc:sqlite:" + db);
        try {
            return new SqliteDataSourceFactory().createDataSource(properties);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens connections the way SQLite does when the file cannot be written. */
    static DataSource readOnly(Path db) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + db);
        dataSource.setReadOnly(true);
        return dataSource;
    }

    /** Runs {@code pragmas} on every new connection, e.g. a {@code max_page_count} that makes the disk "full". */
    static DataSource withPragmas(Path db, String... pragmas) {
        return new PragmaDataSource(sqlite(db), List.of(pragmas));
    }

    static SqliteMediaCatalog open(Path db) {
        return new SqliteMediaCatalog(sqlite(db), db);
    }

    static NewMediaFile newFile(Path root, String relativePath, long size) {
        return new NewMediaFile(root.resolve(relativePath), root, relativePath, size,
                Instant.parse("2024-05-01T10:15:30.123456789Z"), Optional.of("dev:1,ino:" + relativePath.hashCode()));
    }

    /** One value from a fresh connection of its own, as a separate process would see the file. */
    static String query(Path db, String sql) {
        try (Connection connection = sqlite(db).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The details of SQLite's plan for {@code sql}, one line per step. */
    static String queryPlan(Path db, String sql) {
        try (Connection connection = sqlite(db).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString("detail")).append('\n');
            }
            return plan.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static long queryLong(Path db, String sql) {
        return Long.parseLong(query(db, sql));
    }

    /** {@code PragmaDataSource} is responsible for applying fixed pragmas to each connection of a delegate. */
    private static final class PragmaDataSource implements DataSource {

        private final DataSource delegate;
        private final List<String> pragmas;

        PragmaDataSource(DataSource delegate, List<String> pragmas) {
            this.delegate = delegate;
            this.pragmas = pragmas;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = delegate.getConnection();
            try (Statement statement = connection.createStatement()) {
                for (String pragma : pragmas) {
                    statement.execute(pragma);
                }
            }
            return connection;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
