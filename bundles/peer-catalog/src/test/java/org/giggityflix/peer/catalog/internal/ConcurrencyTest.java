package org.giggityflix.peer.catalog.internal;

import static org.giggityflix.peer.catalog.internal.TestDatabases.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ConcurrencyTest} is responsible for proving that readers neither wait for an open write nor see any part
 * of it, and that concurrent writers queue instead of failing with {@code SQLITE_BUSY}.
 */
class ConcurrencyTest {

    private static final int READERS = 4;

    @TempDir
    Path tmp;
    private Path root;
    private SqliteMediaCatalog catalog;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        root = tmp.resolve("media");
        catalog = TestDatabases.open(tmp.resolve("catalog.db"));
        pool = Executors.newFixedThreadPool(READERS + 2);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        catalog.close();
    }

    private static Void addFiles(CatalogBatch batch, Path root, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            batch.add(newFile(root, prefix + i + ".mkv", i));
        }
        return null;
    }

    @Test
    void readersRunDuringAnOpenWriteAndSeeOnlyCommittedRows() throws Exception {
        catalog.write(batch -> addFiles(batch, root, "old/", 1_000));
        CountDownLatch insideWrite = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> write = pool.submit(() -> catalog.write(batch -> {
            addFiles(batch, root, "new/", 1_000);
            insideWrite.countDown();
            await(release);
            return null;
        }));
        try {
            assertTrue(insideWrite.await(30, TimeUnit.SECONDS));
            List<Future<Void>> reads = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                reads.add(pool.submit(readsSeeing(1_000)));
            }
            for (Future<Void> read : reads) {
                // A reader blocked by the writer would time out here, since the write waits for us.
                read.get(30, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
        }
        write.get(30, TimeUnit.SECONDS);

        assertEquals(2_000, catalog.count(MediaQuery.firstPage(1)));
    }

    private Callable<Void> readsSeeing(long rows) {
        return () -> {
            for (int i = 0; i < 50; i++) {
                assertEquals(rows, catalog.count(MediaQuery.firstPage(1)));
                assertEquals(10, catalog.list(MediaQuery.firstPage(10)).size());
                assertEquals(Optional.empty(), catalog.findByPath(root.resolve("new/0.mkv")));
                assertEquals(rows, catalog.listUnderRoot(root).size());
            }
            return null;
        };
    }

    @Test
    void concurrentWritersQueueAndReadersOnlyEverSeeWholeBatches() throws Exception {
        int batchSize = 50;
        int batchesPerWriter = 20;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int b = 0; b < batchesPerWriter; b++) {
                    String prefix = "w" + writer + "/b" + b + "/";
                    catalog.write(batch -> addFiles(batch, root, prefix, batchSize));
                }
                return null;
            }));
        }
        List<Future<Integer>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(pool.submit(() -> readWhile(writing, batchSize)));
        }
        try {
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
        }
        for (Future<Integer> reader : readers) {
            assertTrue(reader.get(60, TimeUnit.SECONDS) > 0, "a reader never got to read");
        }

        assertEquals(2L * batchesPerWriter * batchSize, catalog.count(MediaQuery.firstPage(1)));
    }

    /** @return how many reads it did; each must see whole batches only, never fewer rows than before */
    private int readWhile(AtomicBoolean writing, int batchSize) {
        long previous = 0;
        int reads = 0;
        while (writing.get() || reads == 0) {
            long seen = catalog.count(new MediaQuery(Set.of(), Optional.empty(), 0, 1));
            assertEquals(0, seen % batchSize, "saw part of a batch: " + seen);
            assertTrue(seen >= previous, "went back from " + previous + " to " + seen);
            previous = seen;
            reads++;
        }
        return reads;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
