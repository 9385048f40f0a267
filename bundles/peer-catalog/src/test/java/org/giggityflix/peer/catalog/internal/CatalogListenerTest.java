package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogChange.Kind;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.CatalogListener;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CatalogListenerTest} is responsible for proving that listeners hear each commit once, after it, in commit
 * order, off the writer's thread, and that one failing listener does not silence the others.
 */
class CatalogListenerTest {

    @TempDir
    Path tmp;
    private Path root;
    private SqliteMediaCatalog catalog;
    private final BlockingQueue<List<CatalogChange>> heard = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    private final CatalogListener recorder = changes -> {
        threads.add(Thread.currentThread().getName());
        heard.add(changes);
    };

    @BeforeEach
    void open() {
        root = tmp.resolve("media");
        catalog = TestDatabases.open(tmp.resolve("catalog.db"));
        catalog.addListener(recorder);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private List<CatalogChange> next() throws InterruptedException {
        List<CatalogChange> changes = heard.poll(10, TimeUnit.SECONDS);
        assertNotNull(changes, "no notification within 10 s");
        return changes;
    }

    @Test
    void oneCommitIsOneNotificationWithItsChangesInOrder() throws Exception {
        MediaFile added = catalog.write(batch -> {
            MediaFile a = batch.add(newFile(root, "a.mkv", 1));
            batch.hashes(a.luid(), Map.of("md5", "00"));
            return a;
        });

        List<CatalogChange> changes = next();

        assertEquals(List.of(Kind.ADDED, Kind.UPDATED), changes.stream().map(CatalogChange::kind).toList());
        assertEquals(added.luid(), changes.get(1).file().luid());
        assertNotEquals(Thread.currentThread().getName(), threads.take());
        assertNull(heard.poll(200, TimeUnit.MILLISECONDS), "exactly one notification per commit");
    }

    @Test
    void theKindsFollowTheBatchMethods() throws Exception {
        MediaFile a = catalog.write(batch -> batch.add(newFile(root, "a.mkv", 1)));
        catalog.write(batch -> {
            batch.changed(a.luid(), 2, a.modified(), Optional.empty());
            batch.moved(a.luid(), root.resolve("b.mkv"), root, "b.mkv", a.modified(), Optional.empty());
            batch.catalogId(a.luid(), "cat");
            return batch.deleted(a.luid());
        });

        next();
        assertEquals(List.of(Kind.CHANGED, Kind.MOVED, Kind.UPDATED, Kind.DELETED),
                next().stream().map(CatalogChange::kind).toList());
    }

    @Test
    void aRolledBackWriteIsNeverHeard() throws Exception {
        assertThrows(CatalogException.class, () -> catalog.write(batch -> {
            batch.add(newFile(root, "a.mkv", 1));
            throw new IllegalStateException("no");
        }));
        catalog.write(batch -> batch.add(newFile(root, "b.mkv", 1)));

        assertEquals("b.mkv", next().get(0).file().relativePath());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersOrTheWriter() throws Exception {
        catalog.removeListener(recorder);
        catalog.addListener(changes -> {
            throw new IllegalStateException("listener bug");
        });
        catalog.addListener(recorder);

        catalog.write(batch -> batch.add(newFile(root, "a.mkv", 1)));
        catalog.write(batch -> batch.add(newFile(root, "b.mkv", 1)));

        assertEquals("a.mkv", next().get(0).file().relativePath());
        assertEquals("b.mkv", next().get(0).file().relativePath());
    }

    @Test
    void concurrentWritersAreHeardInCommitOrder() throws Exception {
        int writers = 4;
        int writesEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        String name = "w" + writer + "-" + i + ".mkv";
                        catalog.write(batch -> batch.add(newFile(root, name, 1)));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // One writer at a time and AUTOINCREMENT: luids grow in commit order, so must the notifications.
        long previous = 0;
        for (int i = 0; i < writers * writesEach; i++) {
            long luid = next().get(0).file().luid();
            assertTrue(luid > previous, "luid " + luid + " heard after " + previous);
            previous = luid;
        }
    }

    @Test
    void aSlowListenerDoesNotHoldUpWriters() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        catalog.addListener(changes -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            for (int i = 0; i < 20; i++) {
                String name = i + ".mkv";
                catalog.write(batch -> batch.add(newFile(root, name, 1)));
            }
            assertEquals(20, catalog.countByStatus().get(MediaStatus.PENDING));
        } finally {
            release.countDown();
        }
    }
}
