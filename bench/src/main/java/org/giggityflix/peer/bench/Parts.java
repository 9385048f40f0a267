package org.giggityflix.peer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.catalog.internal.SqliteMediaCatalog;
import org.giggityflix.peer.hash.jdk.internal.Md5HashProvider;
import org.giggityflix.peer.hash.jdk.internal.Sha1HashProvider;
import org.giggityflix.peer.scanner.internal.SinglePassFileHasher;
import org.ops4j.pax.jdbc.sqlite.impl.SqliteDataSourceFactory;

/**
 * {@code Parts} is responsible for assembling the peer's real components the way Karaf wires them, without OSGi:
 * the SQLite catalog through pax-jdbc-sqlite's {@code DataSourceFactory}, and the single-pass hasher with the JDK's
 * md5 and sha1 providers.
 */
final class Parts {

    private Parts() {
    }

    /** A catalog in {@code dataDir}/catalog.db, as the DS component opens it. */
    static SqliteMediaCatalog catalog(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        PeerIdentity identity = new PeerIdentity() {
            @Override
            public String peerId() {
                return "bench";
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }
        };
        return new SqliteMediaCatalog(identity, new SqliteDataSourceFactory());
    }

    /** The hasher with md5 and sha1 bound, default settings (one reader per drive). */
    static SinglePassFileHasher hasher(SqliteMediaCatalog catalog) {
        SinglePassFileHasher hasher = new SinglePassFileHasher(catalog, Map.of());
        hasher.addProvider(new Md5HashProvider(), Map.of(HashProvider.ALGORITHM_PROPERTY, "md5"));
        hasher.addProvider(new Sha1HashProvider(), Map.of(HashProvider.ALGORITHM_PROPERTY, "sha1"));
        return hasher;
    }

    /** Removes {@code dir} and everything below it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
