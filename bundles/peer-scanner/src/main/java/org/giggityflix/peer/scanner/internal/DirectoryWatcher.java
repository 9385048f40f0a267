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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.giggityflix.peer.osgi.common.NamedThreads;
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

    private final WatchService service;
    private final ScheduledExecutorService timer;
    private final long debounceMillis;
    private final Consumer<Set<Path>> onChanges;
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final Set<Path> unwatched = ConcurrentHashMap.newKeySet();
    private final Set<Path> pending = new HashSet<>();
    private final Thread thread;
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
     * Watches {@code folder} if it is not watched yet, and returns once it is (or counted as unwatched: a failure is
     * never thrown). Thread-safe. The walk calls it just before listing the folder, on the thread that lists it (the
     * scan's prefetching workers, mostly): registering after the listing, or on another thread meanwhile, left a
     * window in which a file created in the folder was neither listed nor reported (LiveIT missed {@code new.mp4}
     * once that way).
     */
    void watch(Path folder) {
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

    /** Whether {@code folder} is watched now. */
    boolean watches(Path folder) {
        WatchKey key = keys.get(folder);
        return key != null && key.isValid();
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
