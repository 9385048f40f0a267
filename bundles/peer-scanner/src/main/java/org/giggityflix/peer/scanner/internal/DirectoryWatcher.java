package org.giggityflix.peer.scanner.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.giggityflix.peer.osgi.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DirectoryWatcher} is responsible for live watching: one watch per folder (that is what inotify offers),
 * events gathered for a short debounce and handed on as the set of folders to rescan. Folders that cannot be
 * watched (typically the inotify limit) are counted, with a hint, and polled instead: every {@code pollMillis} they
 * are handed on as folders to rescan, as if an event had come from each, so a file added there is cataloged within
 * minutes rather than at the next periodic rescan. That rescan's walk tries to watch them again (the limit may have
 * been raised meanwhile); folders that are gone are rescanned once more, for their files to be marked deleted, and
 * then forgotten.
 */
final class DirectoryWatcher implements Closeable {

    static final String LIMIT_HINT = "raise the limit with `sysctl fs.inotify.max_user_watches=524288` "
            + "(and in /etc/sysctl.conf to keep it)";

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final WatchService service;
    private final ScheduledExecutorService timer;
    private final long debounceMillis;
    private final Consumer<Set<Path>> onChanges;
    private final long pollMillis;
    private final ScheduledFuture<?> poll;
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final Set<Path> unwatched = ConcurrentHashMap.newKeySet();
    private final Set<Path> pending = new HashSet<>();
    private final Thread thread;
    private volatile String lastFailure = "";
    private volatile boolean limitReached;

    DirectoryWatcher(FileSystem fileSystem, ScheduledExecutorService timer, long debounceMillis, long pollMillis,
                     Consumer<Set<Path>> onChanges) throws IOException {
        this.service = fileSystem.newWatchService();
        this.timer = timer;
        this.debounceMillis = debounceMillis;
        this.pollMillis = pollMillis;
        this.onChanges = onChanges;
        this.thread = new NamedThreads("peer-scanner-watch").newThread(this::loop);
        thread.start();
        this.poll = timer.scheduleWithFixedDelay(this::pollUnwatched, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
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
        return unwatched.size() + " folders are not watched live and are rescanned every " + pollText()
                + " instead: " + cause;
    }

    @Override
    public void close() {
        poll.cancel(false);
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
            LOG.warn("cannot watch {}: {}; {} - unwatched folders are rescanned every {} instead", folder, text,
                    LIMIT_HINT, pollText());
        }
        limitReached |= limit;
        lastFailure = "cannot watch " + folder + ": " + text;
    }

    /** Hands the unwatched folders (the topmost of them: a rescan covers the folders below) on to be rescanned. */
    private void pollUnwatched() {
        try {
            if (unwatched.isEmpty()) {
                return;
            }
            Set<Path> folders = Set.copyOf(unwatched);
            Set<Path> topmost = new HashSet<>();
            for (Path folder : folders) {
                if (folders.stream().noneMatch(other -> other != folder && folder.startsWith(other))) {
                    topmost.add(folder);
                }
            }
            LOG.debug("rescanning {} unwatched folders", topmost.size());
            onChanges.accept(topmost);
            unwatched.removeIf(folder -> !isFolder(folder));
        } catch (RuntimeException e) {
            // Never let the poll die: it is the only thing that looks at these folders between periodic rescans.
            LOG.warn("rescanning unwatched folders failed: {}", e.toString());
        }
    }

    /** Whether {@code folder} is still a folder (looked up by its text: any {@code Path} that says where it is). */
    private static boolean isFolder(Path folder) {
        try {
            return Files.isDirectory(Path.of(folder.toString()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String pollText() {
        if (pollMillis < 1000) {
            return pollMillis + " ms";
        }
        long seconds = pollMillis / 1000;
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
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
                } catch (RejectedExecutionException e) {
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
