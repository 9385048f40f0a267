package org.giggityflix.peer.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DirectoryWatcherTest} is responsible for what the owner is told when folders cannot be watched, e.g. when
 * the inotify limit is reached (simulated: a real limit would starve every other program on the machine).
 */
class DirectoryWatcherTest {

    @TempDir
    Path tmp;

    @Test
    void foldersBeyondTheInotifyLimitAreCountedWithTheSysctlHint() throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        DirectoryWatcher watcher = new DirectoryWatcher(FileSystems.getDefault(), timer, 100, folders -> { });
        try {
            watcher.watch(tmp);
            watcher.watch(limitReached("/media/a"));
            watcher.watch(limitReached("/media/b"));
            watcher.awaitRegistered(); // registrations are made on the watcher's own thread

            assertEquals(1, watcher.watched());
            assertEquals(2, watcher.unwatched());
            assertTrue(watcher.message().contains("sysctl fs.inotify.max_user_watches"), watcher.message());
        } finally {
            watcher.close();
            timer.shutdownNow();
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
