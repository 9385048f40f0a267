package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.giggityflix.peer.scanner.internal.FolderReader.Entry;
import org.giggityflix.peer.scanner.internal.FolderReader.Listing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FolderPrefetchTest} is responsible for proving that the folders read ahead of a walk are bounded: a walk
 * held up (a first scan's walk waits for the catalog's inserts) no longer has its worker threads read the whole tree
 * into memory ahead of it (that was most of a 1,000,000-file first scan's heap when it ran out), and the walk still
 * gets every folder's listing once it goes on.
 */
class FolderPrefetchTest {

    private static final int SHOWS = 20;
    private static final int SEASONS = 5;
    private static final int EPISODES = 20;
    /** Entries a show's season folder holds; the bound below is a few folders' worth. */
    private static final int BOUND = 3 * EPISODES;

    @TempDir
    Path tmp;

    private final ExecutorService workers = Executors.newFixedThreadPool(TreeWalker.PREFETCH_THREADS);

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(30, TimeUnit.SECONDS), "workers stopped");
    }

    @Test
    void theWorkersWaitForAHeldUpWalkAndTheWalkStillGetsEveryFolder() throws IOException {
        Path root = tree();
        PathRules rules = new PathRules(Set.of(".mkv"), Set.of(), List.of());
        AtomicInteger entriesRead = new AtomicInteger();
        AtomicInteger foldersRead = new AtomicInteger();
        Function<Path, Listing> reader = folder -> {
            Listing listing = FolderReader.read(folder, root, rules, path -> null);
            foldersRead.incrementAndGet();
            entriesRead.addAndGet(listing.entries().size());
            return listing;
        };
        FolderPrefetch prefetch = FolderPrefetch.start(reader, root, workers, TreeWalker.PREFETCH_THREADS, BOUND);
        assertNotNull(prefetch);
        try {
            // The walk is held up before it takes anything: both workers read up to the bound, then wait.
            awaitCondition(() -> prefetch.waitingWorkers() == TreeWalker.PREFETCH_THREADS,
                    "both workers wait for the walk");
            int ahead = prefetch.entriesAhead();
            assertTrue(ahead >= BOUND, "the workers read ahead up to the bound (" + ahead + " entries)");
            // A worker checks the bound before each folder: each may read one folder past it.
            int oneFolderMost = SEASONS + EPISODES;
            assertTrue(ahead < BOUND + TreeWalker.PREFETCH_THREADS * oneFolderMost,
                    ahead + " entries read ahead, more than the bound of " + BOUND + " allows");
            assertTrue(entriesRead.get() < SHOWS * SEASONS * EPISODES / 4,
                    "the workers did not read the tree ahead of the walk (" + entriesRead.get() + " entries read)");

            // The walk goes on, depth first as TreeWalker's: every folder's listing, every file, each once.
            int files = 0;
            int folders = 0;
            Deque<Path> pending = new ArrayDeque<>();
            pending.push(root);
            while (!pending.isEmpty()) {
                Path folder = pending.pop();
                Listing listing = prefetch.take(folder);
                if (listing == null) {
                    listing = reader.apply(folder);
                }
                folders++;
                List<Entry> entries = listing.entries();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    if (entries.get(i).enters()) {
                        pending.push(entries.get(i).path());
                    } else if (entries.get(i).file() != null) {
                        files++;
                    }
                }
            }
            assertEquals(1 + SHOWS + SHOWS * SEASONS, folders, "folders walked");
            assertEquals(SHOWS * SEASONS * EPISODES, files, "files found");
            assertEquals(folders, foldersRead.get(), "each folder read once, by a worker or by the walk");
            assertEquals(0, prefetch.entriesAhead(), "nothing left read ahead once the walk took every listing");
        } finally {
            prefetch.stop();
        }
    }

    private Path tree() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("TV"));
        for (int show = 0; show < SHOWS; show++) {
            for (int season = 1; season <= SEASONS; season++) {
                Path folder = Files.createDirectories(root.resolve(String.format("Show %02d/Season %02d", show, season)));
                List<Path> episodes = new ArrayList<>();
                for (int episode = 1; episode <= EPISODES; episode++) {
                    episodes.add(folder.resolve(String.format("Show.%02d.S%02dE%02d.mkv", show, season, episode)));
                }
                for (Path episode : episodes) {
                    Files.write(episode, new byte[] {(byte) show});
                }
            }
        }
        return root;
    }

    /** Waits for {@code condition}, with a deadline for a loaded build machine. */
    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
