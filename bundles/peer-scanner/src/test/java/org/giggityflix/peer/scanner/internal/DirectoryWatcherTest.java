package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.giggityflix.peer.testsupport.Await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DirectoryWatcherTest} is responsible for what the owner is told when folders cannot be watched, e.g. when
 * the inotify limit is reached (simulated: a real limit would starve every other program on the machine), and that
 * such folders are polled instead of waiting for the periodic rescan; and for
 * the walk and the watcher together never missing a file created while its folder is being listed.
 */
class DirectoryWatcherTest {

    @TempDir
    Path tmp;

    @Test
    void foldersBeyondTheInotifyLimitAreCountedWithTheSysctlHintAndPolledInstead() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<Set<Path>> rescans = new CopyOnWriteArrayList<>();
        DirectoryWatcher watcher = new DirectoryWatcher(FileSystems.getDefault(), timer, 100, 300, rescans::add);
        try {
            Path a = limitReached(Files.createDirectories(tmp.resolve("a")).toString());
            Path b = limitReached(Files.createDirectories(tmp.resolve("b")).toString());
            watcher.watch(tmp);
            watcher.watch(a);
            watcher.watch(b);

            assertEquals(1, watcher.watched());
            assertEquals(2, watcher.unwatched());
            assertTrue(watcher.message().contains("sysctl fs.inotify.max_user_watches"), watcher.message());
            assertTrue(watcher.message().contains("rescanned every 300 ms instead"), watcher.message());

            // No event can come from them: the poll hands them on to be rescanned, the watched folder is left alone.
            Await.until(() -> "the unwatched folders handed on for a rescan: " + rescans,
                    () -> rescans.stream().anyMatch(folders -> folders.containsAll(Set.of(a, b))));
            assertTrue(rescans.stream().noneMatch(folders -> folders.contains(tmp)), rescans.toString());
            assertEquals(2, watcher.unwatched(), "still unwatched, still polled");

            // Folders that are gone are rescanned once more (their files are then marked deleted) and forgotten.
            Files.delete(tmp.resolve("a"));
            Files.delete(tmp.resolve("b"));
            Await.until(() -> "gone folders forgotten: " + watcher.message(), () -> watcher.unwatched() == 0);
        } finally {
            watcher.close();
            timer.shutdownNow();
        }
    }

    /**
     * Issue 15.5: a file created in a folder just after the walk listed it must be reported by the watch (LiveIT
     * once waited in vain for {@code new.mp4}: its folder was listed before its watch was registered). The hook is
     * the walk's own lookup of each listed file, which runs after the folder's listing is complete: there the test
     * checks the folder is already watched and creates a file the listing cannot contain. The prefetching workers are
     * on, as in a real scan, so subfolders are listed off the walk's thread.
     */
    @Test
    void aFileCreatedRightAfterItsFolderWasListedIsReportedByTheWatch() throws Exception {
        List<Path> folders = List.of(tmp.resolve("media"), tmp.resolve("media/Films"), tmp.resolve("media/Films/2024"),
                tmp.resolve("media/Series"), tmp.resolve("media/Series/S01"));
        for (Path folder : folders) {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("there.mp4"), "listed");
        }
        Set<Path> reported = ConcurrentHashMap.newKeySet();
        Set<Path> unwatchedWhenListed = ConcurrentHashMap.newKeySet();
        Set<Path> created = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(TreeWalker.PREFETCH_THREADS);
        DirectoryWatcher watcher = new DirectoryWatcher(FileSystems.getDefault(), timer, 50, 60_000, reported::addAll);
        try {
            TreeWalker walker = new TreeWalker(new PathRules(Set.of(".mp4"), Set.of(), List.of()), new ProblemLog(),
                    watcher::watch, workers);
            List<Path> found = new CopyOnWriteArrayList<>();
            walker.walk(folders.get(0), folders.get(0), file -> found.add(file.path()), listed -> {
                Path folder = listed.getParent();
                if (!watcher.watches(folder)) {
                    unwatchedWhenListed.add(folder);
                }
                Path late = folder.resolve("late.mp4");
                if (created.add(late)) {
                    write(late);
                }
                return null;
            });

            assertEquals(Set.of(), unwatchedWhenListed, "folders listed before they were watched");
            assertEquals(folders.size(), found.size(), "the listings were complete before the late files came");
            assertTrue(found.stream().noneMatch(f -> f.endsWith("late.mp4")), found.toString());
            Await.until("every folder with a late file reported by the watch",
                    () -> reported.containsAll(folders));
        } finally {
            watcher.close();
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }

    private static void write(Path file) {
        try {
            Files.writeString(file, "created after the listing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder whose registration fails the way Linux reports an exhausted inotify watch limit. */
    private static Path limitReached(String name) {
        Path real = Path.of(name);
        return (Path) Proxy.newProxyInstance(Path.class.getClassLoader(), new Class<?>[] {Path.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        throw new IOException("User limit of inotify watches reached");
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    return method.invoke(real, args);
                });
    }
}
