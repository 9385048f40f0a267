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
 */
final class FolderPrefetch {

    private static final long POLL_MILLIS = 20;

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
    private volatile boolean stopped;

    private FolderPrefetch(Function<Path, Listing> reader) {
        this.reader = reader;
    }

    /**
     * Starts reading {@code start} and below on {@code threads} tasks of {@code workers}, each folder with
     * {@code reader}; null when there are no workers to run on.
     */
    static FolderPrefetch start(Function<Path, Listing> reader, Path start, ExecutorService workers, int threads) {
        if (workers == null) {
            return null;
        }
        FolderPrefetch prefetch = new FolderPrefetch(reader);
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
            readAhead(task);
            return task.listing().getNow(null);
        }
        CompletableFuture<Listing> listing = task.listing();
        try {
            while (true) {
                try {
                    return listing.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
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
                Task task = queue.pollFirst(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (task != null) {
                    if (task.started().compareAndSet(false, true)) {
                        readAhead(task);
                    } // else the walk took it over
                } else if (outstanding.get() == 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAhead(Task task) {
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
            future.complete(listing);
        } catch (RuntimeException e) {
            future.complete(null);
        } finally {
            outstanding.decrementAndGet();
        }
    }
}
