package org.giggityflix.peer.catalog.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code CatalogFileCheck} is responsible for telling a tool outside the running peer (the restore of
 * {@code bin/peer restore}) whether a catalog file can be used by this build: SQLite's integrity check, the file's
 * schema version and the newest this build knows.
 *
 * <p>Run as {@code java -cp peer-catalog.jar:sqlite-jdbc.jar org.giggityflix.peer.catalog.internal.CatalogFileCheck
 * FILE}; it prints three {@code key=value} lines ({@code schemaVersion}, {@code newestKnown}, {@code integrity}:
 * {@code ok} or SQLite's first complaint) and exits 0, or 2 when the file cannot be read at all. It only reads; it
 * never migrates. Inside Karaf it is never used (the catalog opens through pax-jdbc).
 */
public final class CatalogFileCheck {

    private CatalogFileCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CatalogFileCheck CATALOG_FILE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        System.out.println("newestKnown=" + Schema.MIGRATIONS.size());
        if (!Files.isRegularFile(file)) {
            System.out.println("integrity=no such file: " + file);
            return;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement statement = connection.createStatement()) {
            String integrity = first(statement, "PRAGMA integrity_check");
            System.out.println("schemaVersion=" + first(statement, "PRAGMA user_version"));
            System.out.println("integrity=" + oneLine(integrity));
        } catch (SQLException e) {
            // Not a database, encrypted, truncated header...: as much a failed check as a bad page.
            System.out.println("integrity=" + oneLine(e.getMessage()));
        }
    }

    private static String first(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replace('\n', ' ').replace('\r', ' ');
    }
}
