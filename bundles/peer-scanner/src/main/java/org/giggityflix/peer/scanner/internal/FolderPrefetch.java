package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.giggityflix.peer.scanner.internal.FolderReader.Entry;
import org.giggityflix.peer.scanner.internal.FolderReader.Listing;

/**
 * {@code FolderPrefetch} is responsible for reading folders ahead of one walk on the worker threads: a task lists a
 * folder, reads its entries' attributes, and queues the subfolders the walk may enter (first one on top, so the
 * workers follow the walk's depth-first order). The walk takes each listing when it gets to the folder, or reads
 * the folder itself when no task did (a folder reached a second way, a task that failed).
 *
 * <p>The read-ahead is bounded: once the listings read and not yet taken hold {@link #ENTRIES_AHEAD} entries, the
 * workers wait for the walk to take some before they read on. A walk held up by its consumer (a first scan's walk
 * waits for the catalog's inserts) would otherwise let the workers read the whole tree into memory ahead of it
 * (about half a kilobyte per file: a path, its attributes, the found file).
 */
final class FolderPrefetch {

    private static final long POLL_MILLIS = 20;
    /** Entries of the listings read ahead and not yet taken at which the workers wait: about 10 MB of them. */
    static final int ENTRIES_AHEAD = 20_000;

    /** A folder to read, and where its listing goes (the walk may already hold that future). */
    private record Task(Path folder, CompletableFuture<Listing> listing, AtomicBoolean started) {
    }

    /** Watches and reads one folder, as the walk itself would (thread-safe). */
    private final Function<Path, Listing> reader;
    private final Map<Path, Task> listings = new ConcurrentHashMap<>();
    /** Folder identities queued by any task: the loop guard of the prefetch (the walk keeps its own). */
    private final Set<Object> claimed = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingDeque<Task> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    /** The bound of {@link #ahead}. */
    private final int entriesAhead;
    /** Entries of the listings the workers read that the walk has not taken yet; guarded by {@link #aheadLock}. */
    private int ahead;
    /** Workers waiting for the walk to take listings (for tests). */
    private int waiting;
    private final Object aheadLock = new Object();
    private volatile boolean stopped;

    private FolderPrefetch(Function<Path, Listing> reader, int entriesAhead) {
        this.reader = reader;
        this.entriesAhead = entriesAhead;
    }

    /**
     * Starts reading {@code start} and below on {@code threads} tasks of {@code workers}, each folder with
     * {@code reader}; null when there are no workers to run on.
     */
    static FolderPrefetch start(Function<Path, Listing> reader, Path start, ExecutorService workers, int threads) {
        return start(reader, start, workers, threads, ENTRIES_AHEAD);
    }

    /** As {@link #start(Function, Path, ExecutorService, int)}, reading at most about {@code entriesAhead} ahead. */
    static FolderPrefetch start(Function<Path, Listing> reader, Path start, ExecutorService workers, int threads,
                                int entriesAhead) {
        if (workers == null) {
            return null;
        }
        FolderPrefetch prefetch = new FolderPrefetch(reader, entriesAhead);
        try {
            prefetch.claimed.add(FolderReader.identity(start, Files.readAttributes(start, BasicFileAttributes.class)));
            prefetch.schedule(start);
            for (int i = 0; i < threads; i++) {
                prefetch.running.incrementAndGet();
                try {
                    workers.execute(prefetch::run);
                } catch (RejectedExecutionException e) {
                    prefetch.running.decrementAndGet();
                    throw e;
                }
            }
            return prefetch;
        } catch (IOException | RejectedExecutionException e) {
            // The walk reads every folder itself.
            prefetch.stop();
            return null;
        }
    }

    /**
     * The listing of {@code folder} once read, or null when no task is reading it. A task no worker has started
     * yet is done here and now (the walk would only wait for it), its subfolders queued for the workers.
     */
    Listing take(Path folder) {
        Task task = listings.remove(folder);
        if (task == null) {
            return null;
        }
        if (task.started().compareAndSet(false, true)) {
            readAhead(task, false);
            return task.listing().getNow(null);
        }
        CompletableFuture<Listing> listing = task.listing();
        try {
            while (true) {
                try {
                    return taken(listing.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    if (running.get() == 0 && !listing.isDone()) {
                        return null; // the workers stopped (pool shut down): the walk reads it itself
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("scan stopped");
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** Entries read ahead and not taken yet (at most about {@code entriesAhead} plus the folders being read). */
    int entriesAhead() {
        synchronized (aheadLock) {
            return ahead;
        }
    }

    /** Workers waiting for the walk to take listings before they read on. */
    int waitingWorkers() {
        synchronized (aheadLock) {
            return waiting;
        }
    }

    /** A listing a worker read, now the walk's: room for the workers to read on. */
    private Listing taken(Listing listing) {
        if (listing != null) {
            synchronized (aheadLock) {
                ahead -= listing.entries().size();
                aheadLock.notifyAll();
            }
        }
        return listing;
    }

    /** Waits, on a worker, while the listings read ahead hold enough; false when the prefetch stopped meanwhile. */
    private boolean roomAhead() throws InterruptedException {
        synchronized (aheadLock) {
            if (ahead < entriesAhead) {
                return true;
            }
            waiting++;
            try {
                while (ahead >= entriesAhead && !stopped) {
                    aheadLock.wait(POLL_MILLIS);
                }
            } finally {
                waiting--;
            }
            return !stopped;
        }
    }

    /** Stops the tasks and waits (briefly) for those running to end: nothing reads on after the walk. */
    void stop() {
        stopped = true;
        queue.forEach(task -> task.listing().complete(null));
        queue.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        listings.values().forEach(task -> task.listing().complete(null));
    }

    private void schedule(Path folder) {
        Task task = new Task(folder, new CompletableFuture<>(), new AtomicBoolean());
        listings.put(folder, task);
        outstanding.incrementAndGet();
        queue.addFirst(task);
    }

    private void run() {
        try {
            runTasks();
        } finally {
            running.decrementAndGet();
        }
    }

    private void runTasks() {
        try {
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                if (!roomAhead()) {
                    return;
                }
                Task task = queue.pollFirst(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (task != null) {
                    if (task.started().compareAndSet(false, true)) {
                        readAhead(task, true);
                    } // else the walk took it over
                } else if (outstanding.get() == 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the task's folder; {@code aheadOfWalk}: on a worker, so the listing counts as read ahead until taken. */
    private void readAhead(Task task, boolean aheadOfWalk) {
        Path folder = task.folder();
        CompletableFuture<Listing> future = task.listing();
        try {
            Listing listing = reader.apply(folder);
            List<Path> subfolders = new ArrayList<>();
            for (Entry entry : listing.entries()) {
                if (entry.enters() && claimed.add(FolderReader.identity(entry.path(), entry.attributes()))) {
                    subfolders.add(entry.path());
                }
            }
            // Queued before the listing is handed over: the walk then finds a future for every subfolder.
            for (int i = subfolders.size() - 1; i >= 0 && !stopped; i--) {
                schedule(subfolders.get(i));
            }
            if (aheadOfWalk) {
                synchronized (aheadLock) {
                    ahead += listing.entries().size(); // before the walk can take it
                }
            }
            future.complete(listing);
        } catch (RuntimeException e) {
            future.complete(null);
        } finally {
            outstanding.decrementAndGet();
        }
    }
}
