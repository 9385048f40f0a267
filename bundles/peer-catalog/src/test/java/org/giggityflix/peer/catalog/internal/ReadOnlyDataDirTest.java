package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.testsupport.ReadOnlyDir;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ReadOnlyDataDirTest} is responsible for proving that a catalog that cannot be written fails with a clear
 * message and leaves the existing database exactly as it was.
 */
class ReadOnlyDataDirTest {

    @TempDir
    Path tmp;
    private Path dataDir;
    private Path db;

    @BeforeEach
    void createCatalogWithThreeRows() throws IOException {
        dataDir = Files.createDirectories(tmp.resolve("data"));
        db = dataDir.resolve("catalog.db");
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            catalog.write(batch -> {
                for (int i = 0; i < 3; i++) {
                    batch.add(newFile(tmp.resolve("media"), i + ".mkv", i));
                }
                return null;
            });
        }
    }

    @Test
    void aReadOnlyDataDirFailsAtActivationAndLeavesTheDatabaseUntouched() throws Exception {
        Map<String, String> before = snapshot(dataDir);

        try (ReadOnlyDir readOnly = ReadOnlyDir.of(dataDir)) {
            assumeTrue(readOnly.isReadOnly(), "neither permissions nor chattr can make a directory read-only here");
            CatalogException e = assertThrows(CatalogException.class, () -> TestDatabases.open(db));
            assertTrue(e.getMessage().startsWith("catalog database is read-only: " + db), e.getMessage());
            assertEquals(before, snapshot(dataDir));
        }

        assertEquals(before, snapshot(dataDir));
        try (SqliteMediaCatalog catalog = TestDatabases.open(db)) {
            assertEquals(3, catalog.count(MediaQuery.firstPage(10)));
        }
    }

    @Test
    void anEmptyReadOnlyDataDirGetsNoDatabaseFile() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        try (ReadOnlyDir readOnly = ReadOnlyDir.of(empty)) {
            assumeTrue(readOnly.isReadOnly(), "neither permissions nor chattr can make a directory read-only here");
            CatalogException e = assertThrows(CatalogException.class,
                    () -> TestDatabases.open(empty.resolve("catalog.db")));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }

        assertEquals(Map.of(), snapshot(empty));
    }

    @Test
    void aDatabaseSqliteCanOnlyReadFailsAtTheFirstWriteWithAClearMessage() throws Exception {
        byte[] before = Files.readAllBytes(db);

        try (SqliteMediaCatalog catalog = new SqliteMediaCatalog(TestDatabases.readOnly(db), db)) {
            assertEquals(3, catalog.count(MediaQuery.firstPage(10)), "reads still work");
            CatalogException e = assertThrows(CatalogException.class,
                    () -> catalog.write(batch -> batch.add(newFile(tmp.resolve("media"), "new.mkv", 1))));
            assertEquals("catalog database is read-only: " + db, e.getMessage());
            assertEquals(SqliteErrors.SQLITE_READONLY, SqliteErrors.resultCode(e));
            assertFalse(catalog.findByPath(tmp.resolve("media/new.mkv")).isPresent());
        }

        assertArrayEquals(before, Files.readAllBytes(db));
    }

    /** Every file of {@code dir} with the SHA-256 of its content. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.toList()) {
                files.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
