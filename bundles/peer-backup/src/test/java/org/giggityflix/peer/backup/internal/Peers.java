package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.ops4j.pax.jdbc.sqlite.impl.SqliteDataSourceFactory;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * {@code Peers} is responsible for what the backup tests set up: a peer's DATA_DIR and etc folder as a real
 * distribution has them, its real catalog, and a fingerprint of every file to prove that nothing changed.
 */
final class Peers {

    static final String PEER_ID = "peer-3f9c2a";

    private Peers() {
    }

    static DataSource sqlite(Path db) {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, "jdbc:sqlite:" + db);
        try {
            return new SqliteDataSourceFactory().createDataSource(properties);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The catalog component of peer-catalog, opened on {@code DATA_DIR/catalog.db} through its DS constructor. */
    static org.giggityflix.peer.catalog.internal.SqliteMediaCatalog catalog(Path dataDir) {
        PeerIdentity identity = identity(dataDir);
        return new org.giggityflix.peer.catalog.internal.SqliteMediaCatalog(identity,
                new SqliteDataSourceFactory());
    }

    static PeerIdentity identity(Path dataDir) {
        return new PeerIdentity() {
            @Override
            public String peerId() {
                return PEER_ID;
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }
        };
    }

    /** DATA_DIR with a peer id, etc/ with the peer's settings, users and keys beside Karaf's own files. */
    static void setUp(Path dataDir, Path etc) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(etc);
        Files.writeString(dataDir.resolve("peer-id"), PEER_ID + "\n");
        Files.writeString(dataDir.resolve("stream-link.key"), "secret");
        Files.writeString(dataDir.resolve("api-tokens"), "prometheus\tREAD_ONLY\t2026-12-01T10:00:00Z\t-\t"
                + "0".repeat(64) + "\n");
        Files.createDirectories(dataDir.resolve("screenshots"));
        Files.writeString(dataDir.resolve("screenshots/1-271.jpg"), "a cached JPEG: not backed up");
        Files.writeString(etc.resolve("org.giggityflix.peer.scanner.cfg"), "mediaDirs = /srv/media/films\n");
        Files.writeString(etc.resolve("users.properties"), "admin = {CRYPT}abc{CRYPT},_g_:admingroup\n");
        Files.writeString(etc.resolve("keys.properties"), "peer-cli = AAAAB3Nza,_g_:admingroup\n");
        Files.writeString(etc.resolve("peer-cli.key"), "-----BEGIN PRIVATE KEY-----\nMIIE\n");
        Files.writeString(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = 8101\n");
        Files.write(etc.resolve("peer-https.p12"), new byte[] {0x30, (byte) 0x82, 0x0a, 0x01});
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.ops4j.pax.web.ssl.keystore.password = pw1\n");
    }

    static List<MediaFile> addFiles(MediaCatalog catalog, String prefix, int count) {
        Path root = Path.of("/srv/media/films");
        List<NewMediaFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(new NewMediaFile(root.resolve(prefix + i + ".mkv"), root, prefix + i + ".mkv", 1000 + i,
                    Instant.parse("2025-01-01T00:00:00Z"), Optional.empty()));
        }
        return catalog.write(b -> b.addAll(files));
    }

    static long count(Path db, String sql) {
        try (Connection c = sqlite(db).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(Path db, String sql) {
        try (Connection c = sqlite(db).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under the folders, with its content: equal before and after means nothing changed. */
    static Map<String, String> fingerprint(Path... folders) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = Files.readAllBytes(p);
                    files.put(p.toString(), bytes.length + ":" + java.util.Arrays.hashCode(bytes));
                }
            }
        }
        return files;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The check bin/peer restore runs: the catalog's own CatalogFileCheck in a JVM of its own. */
    static CatalogCheck realCheck() {
        return new ProcessCatalogCheck(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"));
    }

    static BackupConfig config(int intervalHours, String folder, int keepLast) {
        return new BackupConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BackupConfig.class;
            }

            @Override
            public int intervalHours() {
                return intervalHours;
            }

            @Override
            public String folder() {
                return folder;
            }

            @Override
            public int keepLast() {
                return keepLast;
            }
        };
    }
}
