package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.giggityflix.peer.api.scan.WatchStatus;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ScanTriggers} is responsible for the scans nobody asked for at the console: the first one after the
 * scanner starts, periodic rescans, live watching's debounced targeted rescans (and the 5-minute rescans of folders
 * it cannot watch), and the scans the scanner sets for later (a provider settling, files still being written). It
 * owns the scanner's timer and its {@link DirectoryWatcher}.
 */
final class ScanTriggers {

    static final long DEBOUNCE_MILLIS = 1000;
    /** How often folders that cannot be watched live (the inotify limit) are rescanned instead. */
    static final long UNWATCHED_POLL_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private static final Logger LOG = LoggerFactory.getLogger(ScanTriggers.class);

    private final Clock clock;
    private final Consumer<ScanScope> submit;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new NamedThreads("peer-scanner-timer"));
    private volatile DirectoryWatcher watcher;
    private ScheduledFuture<?> periodic;
    private boolean stopped;

    /** {@code submit} asks the scanner for a scan (it never blocks). */
    ScanTriggers(Clock clock, Consumer<ScanScope> submit) {
        this.clock = clock;
        this.submit = submit;
    }

    /**
     * Starts periodic rescans and live watching as {@code settings} say, and a scan of everything after
     * {@code initialDelayMillis} (none when it is negative).
     */
    void start(ScannerSettings settings, long initialDelayMillis) {
        synchronized (this) {
            reschedule(settings.scanIntervalMinutes());
            setWatching(settings.watchEnabled());
        }
        if (initialDelayMillis >= 0) {
            timer.schedule(() -> submit.accept(ScanScope.everything(false)), initialDelayMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Applies a configuration change: the rescan interval, removed roots no longer watched, live watching on or
     * off. Returns whether live watching was just started (every folder then needs a walk to be watched).
     */
    synchronized boolean apply(ScannerSettings old, ScannerSettings now) {
        if (stopped) {
            return false;
        }
        if (old.scanIntervalMinutes() != now.scanIntervalMinutes()) {
            reschedule(now.scanIntervalMinutes());
        }
        if (watcher != null) {
            for (Path root : old.mediaDirs()) {
                if (!now.mediaDirs().contains(root)) {
                    watcher.forget(root);
                }
            }
        }
        return setWatching(now.watchEnabled());
    }

    /** Asks for a scan of {@code scope} in {@code delayMillis}; false when the scanner is stopping. */
    boolean scanLater(ScanScope scope, long delayMillis) {
        try {
            timer.schedule(() -> submit.accept(scope), delayMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Watches {@code folder} live, if watching is on; returns once it is watched. */
    void watchFolder(Path folder) {
        DirectoryWatcher current = watcher;
        if (current != null) {
            current.watch(folder);
        }
    }

    /** When the next periodic rescan starts, if there are periodic rescans. */
    synchronized Optional<Instant> nextScan() {
        return Optional.ofNullable(periodic)
                .map(future -> clock.instant().plusMillis(future.getDelay(TimeUnit.MILLISECONDS)));
    }

    /** What live watching covers; {@code enabled} is whether the settings ask for it. */
    WatchStatus watchStatus(boolean enabled) {
        DirectoryWatcher current = watcher;
        if (current == null) {
            return new WatchStatus(false, 0, 0, enabled ? "live watching is not available" : "");
        }
        return new WatchStatus(true, current.watched(), current.unwatched(), current.message());
    }

    /** Stops periodic rescans and live watching; nothing set for later starts any more. */
    void stop() {
        synchronized (this) {
            stopped = true;
            if (periodic != null) {
                periodic.cancel(false);
            }
            setWatching(false);
        }
        timer.shutdownNow();
    }

    void awaitTermination(long millis) throws InterruptedException {
        timer.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    /** Starts or stops the watcher; returns whether it was just started (and so needs a walk to register). */
    private boolean setWatching(boolean enabled) {
        if (enabled == (watcher != null)) {
            return false;
        }
        if (!enabled) {
            watcher.close();
            watcher = null;
            return false;
        }
        try {
            watcher = new DirectoryWatcher(FileSystems.getDefault(), timer, DEBOUNCE_MILLIS, UNWATCHED_POLL_MILLIS,
                    folders -> submit.accept(ScanScope.folders(folders)));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("live watching is not available: {}; relying on periodic rescans", e.toString());
            return false;
        }
    }

    private void reschedule(long minutes) {
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
        if (minutes > 0) {
            periodic = timer.scheduleWithFixedDelay(() -> submit.accept(ScanScope.everything(false)), minutes,
                    minutes, TimeUnit.MINUTES);
        }
    }
}
