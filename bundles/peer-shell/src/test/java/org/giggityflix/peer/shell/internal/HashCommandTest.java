package org.giggityflix.peer.shell.internal;

import static org.giggityflix.peer.shell.internal.StatusCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.MediaGoneException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HashCommandTest} is responsible for proving {@code peer:hash}: default algorithms, stored versus computed
 * digests, and the messages for unknown algorithms, ids and vanished files.
 */
class HashCommandTest {

    private final Fakes.Catalog catalog = new Fakes.Catalog();
    private final Fakes.Hasher hasher = new Fakes.Hasher();

    @BeforeEach
    void fill() {
        catalog.files.add(Fakes.file(5, "a.mkv", MediaStatus.READY));
        catalog.hashes.put(5L, Map.of("md5", "stored-md5"));
        hasher.catalog = catalog;
    }

    private HashCommand command(String luid, String... algorithms) {
        HashCommand c = new HashCommand();
        c.hasher = hasher;
        c.catalog = catalog;
        c.luid = luid;
        c.algorithms = algorithms.length == 0 ? null : List.of(algorithms);
        return c;
    }

    @Test
    void withoutNamesEveryInstalledAlgorithmIsUsedAndSourcesAreTold() {
        String out = Fakes.output(command("5")::run);

        assertEquals(List.of("md5", "sha1", "sha256"), hasher.lastRequest);
        assertTrue(out.lines().anyMatch(l -> l.contains("md5") && l.contains("stored-md5") && l.contains("catalog")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.contains("sha1-computed") && l.contains("computed")), out);
        assertContains(out, "Read 1.0 MiB to compute the missing digests.");
    }

    @Test
    void allFromCatalogReadsNothing() {
        String out = Fakes.output(command("5", "MD5")::run);

        assertEquals(List.of("md5"), hasher.lastRequest);
        assertContains(out, "All from the catalog; nothing was read.");
    }

    @Test
    void unknownAlgorithmIsReportedWithTheAvailableOnes() {
        String out = Fakes.failure(command("5", "xxh3", "sha1")::run);

        assertContains(out, "unknown hash algorithm 'xxh3'; available: md5, sha1, sha256");
        assertEquals(List.of("sha1"), hasher.lastRequest, "the known ones are still hashed");
        assertContains(out, "sha1-computed");
    }

    @Test
    void onlyUnknownAlgorithmsHashNothing() {
        String out = Fakes.failure(command("5", "crc32")::run);

        assertEquals("unknown hash algorithm 'crc32'; available: md5, sha1, sha256\n", out);
        assertNull(hasher.lastRequest);
    }

    @Test
    void unknownIdAndGoneFileAreExplained() {
        assertEquals("No cataloged file with id 77\n", Fakes.failure(command("77")::run));

        hasher.failure = new MediaGoneException(5, Path.of("/media/videos/a.mkv"));
        assertContains(Fakes.failure(command("5")::run),
                "File 5 is gone from disk: file 5 is gone from disk: /media/videos/a.mkv");
    }

    @Test
    void missingHasherOrAlgorithmsOrBadIdAreExplained() {
        HashCommand c = command("5");
        c.hasher = null;
        assertEquals(Messages.NO_HASHER + "\n", Fakes.failure(c::run));

        hasher.available = Set.of();
        assertContains(Fakes.failure(command("5")::run), "No hash algorithm is installed");

        assertContains(Fakes.failure(command("x1")::run), "'x1' is not a file id");
    }
}
