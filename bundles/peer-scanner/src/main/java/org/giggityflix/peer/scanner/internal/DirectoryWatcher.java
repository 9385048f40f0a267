package org.giggityflix.peer.scanner.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DirectoryWatcher} is responsible for live watching: one watch per folder (that is what inotify offers),
 * events gathered for a short debounce and handed on as the set of folders to rescan. Folders that cannot be
 * watched (typically the inotify limit) are counted, with a hint; the periodic rescan covers them.
 */
final class DirectoryWatcher implements Closeable {

    static final String LIMIT_HINT = "raise the limit with `sysctl fs.inotify.max_user_watches=524288` "
            + "(and in /etc/sysctl.conf to keep it)";

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
    /** How long a scan waits at most, at its end, for the watches of the folders it walked. */
    private static final long REGISTER_WAIT_SECONDS = 60;

    private final WatchService service;
    private final ScheduledExecutorService timer;
    private final long debounceMillis;
    private final Consumer<Set<Path>> onChanges;
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final Set<Path> unwatched = ConcurrentHashMap.newKeySet();
    private final Set<Path> pending = new HashSet<>();
    private final Thread thread;
    /** Registers folders in the order they were handed over, off the scan's thread (see {@link #watch}). */
    private final ExecutorService registrar = Executors.newSingleThreadExecutor(
            new NamedThreads("peer-scanner-watch-register"));
    private volatile String lastFailure = "";
    private volatile boolean limitReached;

    DirectoryWatcher(FileSystem fileSystem, ScheduledExecutorService timer, long debounceMillis,
                     Consumer<Set<Path>> onChanges) throws IOException {
        this.service = fileSystem.newWatchService();
        this.timer = timer;
        this.debounceMillis = debounceMillis;
        this.onChanges = onChanges;
        this.thread = new NamedThreads("peer-scanner-watch").newThread(this::loop);
        thread.start();
    }

    /**
     * Watches {@code folder} if it is not watched yet; a failure is counted, never thrown. The registration itself
     * is made on a thread of the watcher's: each one is a round trip to the JDK's watch thread, and a first scan of
     * a thousand folders waited for a thousand of them on its own thread. {@link #awaitRegistered} waits for them.
     */
    void watch(Path folder) {
        WatchKey key = keys.get(folder);
        if (key != null && key.isValid()) {
            return;
        }
        try {
            registrar.execute(() -> register(folder));
        } catch (RejectedExecutionException e) {
            // Stopping: nothing to watch any more.
        }
    }

    /**
     * Waits until every folder handed to {@link #watch} so far is watched (or counted as unwatched): a scan is done
     * only when the folders it walked are watched.
     */
    void awaitRegistered() {
        try {
            registrar.submit(() -> { }).get(REGISTER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.debug("not waiting for watch registrations: {}", e.toString());
        }
    }

    private void register(Path folder) {
        WatchKey key = keys.get(folder);
        if (key != null && key.isValid()) {
            return;
        }
        try {
            keys.put(folder, folder.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
            unwatched.remove(folder);
        } catch (ClosedWatchServiceException e) {
            // Stopping: nothing to count.
        } catch (IOException | UnsupportedOperationException e) {
            unwatched.add(folder);
            recordFailure(folder, e);
        }
    }

    /** Stops watching everything at or below {@code root} (a media dir removed from the configuration). */
    void forget(Path root) {
        keys.entrySet().removeIf(entry -> {
            boolean under = entry.getKey().startsWith(root);
            if (under) {
                entry.getValue().cancel();
            }
            return under;
        });
        unwatched.removeIf(folder -> folder.startsWith(root));
    }

    int watched() {
        return (int) keys.values().stream().filter(WatchKey::isValid).count();
    }

    int unwatched() {
        return unwatched.size();
    }

    /** What the owner can do about unwatched folders; empty when all are watched. */
    String message() {
        if (unwatched.isEmpty()) {
            return "";
        }
        String cause = limitReached ? "the inotify watch limit was reached; " + LIMIT_HINT : lastFailure;
        return unwatched.size() + " folders are not watched live and are only picked up by the periodic rescan: "
                + cause;
    }

    @Override
    public void close() {
        registrar.shutdownNow();
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing watch service: {}", e.toString());
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordFailure(Path folder, Exception e) {
        String text = String.valueOf(e.getMessage());
        boolean limit = text.contains("inotify") || text.contains("limit") || text.contains("No space left");
        if (limit && !limitReached) {
            LOG.warn("cannot watch {}: {}; {} - the periodic rescan covers unwatched folders", folder, text,
                    LIMIT_HINT);
        }
        limitReached |= limit;
        lastFailure = "cannot watch " + folder + ": " + text;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                handle(service.take());
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("watch loop ends");
        }
    }

    private void handle(WatchKey key) {
        Path folder = (Path) key.watchable();
        Set<Path> affected = new HashSet<>();
        // Any event, a lost-events overflow included, means: rescan this folder (its subfolders come with it).
        // The events themselves are only drained; the rescan looks at what is on disk, not at what was said.
        if (!key.pollEvents().isEmpty()) {
            affected.add(folder);
        }
        if (!key.reset()) {
            keys.remove(folder, key);
        }
        schedule(affected);
    }

    /** Debounce: the first event opens a window; everything arriving within it makes one rescan. */
    private void schedule(Set<Path> affected) {
        synchronized (pending) {
            boolean first = pending.isEmpty();
            pending.addAll(affected);
            if (first && !affected.isEmpty()) {
                try {
                    timer.schedule(this::flush, debounceMillis, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    pending.clear();
                }
            }
        }
    }

    private void flush() {
        Set<Path> folders;
        synchronized (pending) {
            folders = Set.copyOf(pending);
            pending.clear();
        }
        if (!folders.isEmpty()) {
            onChanges.accept(folders);
        }
    }
}
