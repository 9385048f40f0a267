package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.RootStatus;
import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.giggityflix.peer.api.scan.ScanStatus;
import org.giggityflix.peer.api.scan.WatchStatus;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DirectoryMediaScanner} is responsible for keeping the catalog in step with the media dirs: one scan at a
 * time on its own thread, an initial scan after activation, periodic rescans, live watching with debounced
 * targeted rescans, and configuration changes applied while it runs.
 */
@Component(service = MediaScanner.class, configurationPid = ScannerConstants.PID)
@Designate(ocd = ScannerConfiguration.class)
public class DirectoryMediaScanner implements MediaScanner {

    /** The first scan waits a little so that a starting peer finishes wiring (probes, hash providers) first. */
    static final long INITIAL_DELAY_MILLIS = 2000;
    static final long DEBOUNCE_MILLIS = 1000;
    /** How often folders that cannot be watched live (the inotify limit) are rescanned instead. */
    static final long UNWATCHED_POLL_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final long PROVIDER_SETTLE_MILLIS = 1000;
    private static final int HASH_THREADS = 2;
    private static final int PROBE_THREADS = 2;
    private static final long STOP_WAIT_MILLIS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryMediaScanner.class);

    /** A scan asked for: what it covers, and the future everyone who asked for it waits on. */
    private static final class Job {
        private volatile ScanScope scope;
        private final CompletableFuture<ScanReport> future = new CompletableFuture<>();

        Job(ScanScope scope) {
            this.scope = scope;
        }
    }

    private final MediaCatalog catalog;
    private final FileHasher hasher;
    private final Clock clock;
    private final ProbeRegistry probes = new ProbeRegistry();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new NamedThreads("peer-scanner-timer"));
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new NamedThreads("peer-scanner"));
    private final ExecutorService hashPool = Executors.newFixedThreadPool(HASH_THREADS,
            new NamedThreads("peer-scanner-hash"));
    private final ProbeStage probeStage;
    private final RecentlyGone recentlyGone;
    private final KnownSnapshot known = new KnownSnapshot();
    private final Map<Path, RootStatus> rootStatuses = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile ScannerSettings settings;
    private volatile DirectoryWatcher watcher;
    private ScheduledFuture<?> periodic;
    private Job running;
    private Job queued;
    private ProgressCounter current;
    private ScanReport last;
    private Set<String> verifiedAlgorithms = Set.of();
    private boolean stopped;

    @Activate
    public DirectoryMediaScanner(@Reference MediaCatalog catalog, @Reference FileHasher hasher,
                                 Map<String, Object> properties) {
        this(catalog, hasher, properties, Clock.systemUTC(), INITIAL_DELAY_MILLIS);
    }

    /** For plain Java use and tests: {@code initialDelayMillis < 0} means no initial scan. */
    DirectoryMediaScanner(MediaCatalog catalog, FileHasher hasher, Map<String, ?> properties, Clock clock,
                          long initialDelayMillis) {
        this.catalog = catalog;
        this.hasher = hasher;
        this.clock = clock;
        this.probeStage = new ProbeStage(catalog, PROBE_THREADS);
        this.recentlyGone = new RecentlyGone(clock);
        this.settings = ScannerSettings.parse(properties);
        logProblems(settings);
        synchronized (lock) {
            reschedule();
            setWatching(settings.watchEnabled());
        }
        if (initialDelayMillis >= 0) {
            timer.schedule(() -> submit(ScanScope.everything(false)), initialDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Modified
    public void modified(Map<String, Object> properties) {
        ScannerSettings old = settings;
        ScannerSettings now = ScannerSettings.parse(properties);
        logProblems(now);
        settings = now;
        boolean rescan;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (old.scanIntervalMinutes() != now.scanIntervalMinutes()) {
                reschedule();
            }
            forgetRemovedRoots(old, now);
            rescan = setWatching(now.watchEnabled()) || scanRelevantChange(old, now);
        }
        if (rescan) {
            submit(ScanScope.everything(false));
        }
    }

    @Deactivate
    public void deactivate() {
        synchronized (lock) {
            stopped = true;
            if (periodic != null) {
                periodic.cancel(false);
            }
            if (queued != null) {
                queued.future.completeExceptionally(new CancellationException("scanner stopped"));
                queued = null;
            }
            setWatching(false);
        }
        timer.shutdownNow();
        runner.shutdownNow();
        hashPool.shutdownNow();
        probeStage.shutdown();
        awaitStop();
    }

    @Reference(service = MediaProbe.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProbe",
            updated = "updateProbe")
    public void addProbe(MediaProbe probe, Map<String, Object> properties) {
        Set<String> before = probes.includedExtensions();
        probes.add(probe, properties);
        boolean newFormats = !before.containsAll(probes.includedExtensions());
        boolean scannedBefore;
        synchronized (lock) {
            scannedBefore = last != null;
        }
        // Before the first scan there is nothing to catch up on: that scan will include the new formats.
        if (newFormats && scannedBefore) {
            submit(ScanScope.everything(false));
        }
    }

    public void removeProbe(MediaProbe probe, Map<String, Object> properties) {
        probes.remove(probe);
    }

    /**
     * A probe's {@code service.ranking} or {@code scanner.include} changed in ConfigAdmin: the new ranking decides from
     * the next file on, and newly included extensions are caught up like a newly installed probe's.
     */
    public void updateProbe(MediaProbe probe, Map<String, Object> properties) {
        probes.remove(probe);
        addProbe(probe, properties);
    }

    /**
     * A configured algorithm that arrives (e.g. the BLAKE3 jar dropped into deploy/) is computed for the files
     * already cataloged without waiting for the next periodic scan. The scan starts a moment later so that the
     * hasher, which tracks providers on its own, has bound the provider too.
     */
    @Reference(service = HashProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "hashProviderRemoved")
    public void hashProviderAdded(HashProvider provider, Map<String, Object> properties) {
        Object property = properties == null ? null : properties.get(HashProvider.ALGORITHM_PROPERTY);
        String name = AlgorithmNames.normalise(property != null ? property.toString() : provider.algorithm());
        boolean scannedBefore;
        synchronized (lock) {
            scannedBefore = last != null && !stopped;
        }
        if (scannedBefore && settings.hashAlgorithms().contains(name)) {
            try {
                timer.schedule(() -> submit(ScanScope.everything(false)), PROVIDER_SETTLE_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("not catching up on {}: scanner stopping", name);
            }
        }
    }

    public void hashProviderRemoved(HashProvider provider, Map<String, Object> properties) {
        // Nothing to do: the hasher stops offering the algorithm, and the next scan reports it as not installed.
    }

    @Override
    public CompletionStage<ScanReport> scan(ScanRequest request) {
        return submit(ScanScope.everything(request.full()));
    }

    @Override
    public ScanStatus status() {
        synchronized (lock) {
            Optional<ScanProgress> progress = Optional.ofNullable(current).map(ProgressCounter::snapshot);
            Optional<Instant> next = Optional.ofNullable(periodic)
                    .map(future -> clock.instant().plusMillis(future.getDelay(TimeUnit.MILLISECONDS)));
            return new ScanStatus(progress, Optional.ofNullable(last), next, roots(), watchStatus());
        }
    }

    /** For tests: the scanner's copy of the catalog's rows. */
    KnownSnapshot knownSnapshot() {
        return known;
    }

    /** Starts a scan of {@code scope}, joins a running one that covers it, or queues it (merged) behind. */
    CompletableFuture<ScanReport> submit(ScanScope scope) {
        synchronized (lock) {
            if (stopped) {
                return CompletableFuture.failedFuture(new IllegalStateException("the scanner is stopped"));
            }
            if (running != null && running.scope.covers(scope)) {
                return running.future;
            }
            if (running == null) {
                running = new Job(scope);
                start(running);
                return running.future;
            }
            if (queued == null) {
                queued = new Job(scope);
            } else {
                queued.scope = queued.scope.mergedWith(scope);
            }
            return queued.future;
        }
    }

    private void start(Job job) {
        try {
            runner.execute(() -> runJob(job));
        } catch (RejectedExecutionException e) {
            running = null;
            job.future.completeExceptionally(new IllegalStateException("the scanner is stopped", e));
        }
    }

    private void runJob(Job job) {
        ScanScope scope = job.scope;
        ScannerSettings used = settings;
        ProgressCounter progress = new ProgressCounter(clock, scope.full());
        ProblemLog problems = new ProblemLog();
        used.problems().forEach(problem -> problems.add("configuration: " + problem));
        Set<String> algorithms = installedOf(used);
        ScanReport report = null;
        Set<Path> unsettled = Set.of();
        try {
            boolean checkAll;
            synchronized (lock) {
                current = progress;
                checkAll = !verifiedAlgorithms.equals(algorithms);
            }
            ScanRun run = new ScanRun(context(used, checkAll), scope, progress, problems);
            report = run.run();
            unsettled = run.unsettled(); // and what it walked is watched: each folder before it was listed
            if (scope.everything()) {
                synchronized (lock) {
                    verifiedAlgorithms = algorithms;
                }
            }
        } catch (CancellationException e) {
            problems.add("scan stopped before it finished");
        } catch (RuntimeException e) {
            LOG.error("scan failed", e);
            problems.add("scan failed: " + e);
        } finally {
            if (report == null) {
                report = new ScanReport(progress.snapshot(), clock.instant(), problems.lines());
            }
            finish(job, report);
        }
        recheckLater(unsettled, used);
    }

    private void finish(Job job, ScanReport report) {
        logReport(job.scope, report);
        synchronized (lock) {
            last = report;
            current = null;
            running = null;
            if (queued != null && !stopped) {
                running = queued;
                queued = null;
                start(running);
            }
        }
        job.future.complete(report);
    }

    private ScanContext context(ScannerSettings used, boolean checkAll) {
        return new ScanContext(catalog, hasher, used, probes, probeStage, hashPool, recentlyGone, known, rootStatuses,
                checkAll, this::watchFolder, clock);
    }

    /** Files that were still being written get another look once they had time to settle. */
    private void recheckLater(Set<Path> unsettled, ScannerSettings used) {
        if (unsettled.isEmpty()) {
            return;
        }
        long delay = used.settleSeconds() * 1000L + 500;
        try {
            timer.schedule(() -> submit(ScanScope.folders(unsettled)), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not rechecking unsettled files: scanner stopping");
        }
    }

    private void watchFolder(Path folder) {
        DirectoryWatcher current = watcher;
        if (current != null) {
            current.watch(folder);
        }
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
                    folders -> submit(ScanScope.folders(folders)));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("live watching is not available: {}; relying on periodic rescans", e.toString());
            return false;
        }
    }

    private void reschedule() {
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
        long minutes = settings.scanIntervalMinutes();
        if (minutes > 0) {
            periodic = timer.scheduleWithFixedDelay(() -> submit(ScanScope.everything(false)), minutes, minutes,
                    TimeUnit.MINUTES);
        }
    }

    private void forgetRemovedRoots(ScannerSettings old, ScannerSettings now) {
        known.retainRoots(now.mediaDirs());
        for (Path root : old.mediaDirs()) {
            if (!now.mediaDirs().contains(root)) {
                rootStatuses.remove(root);
                if (watcher != null) {
                    watcher.forget(root);
                }
            }
        }
    }

    private static boolean scanRelevantChange(ScannerSettings old, ScannerSettings now) {
        return !old.mediaDirs().equals(now.mediaDirs()) || !old.includeExtensions().equals(now.includeExtensions())
                || !old.excludeNames().equals(now.excludeNames()) || !old.excludePaths().equals(now.excludePaths())
                || !old.hashAlgorithms().equals(now.hashAlgorithms())
                || (!old.extractMetadata() && now.extractMetadata());
    }

    private Set<String> installedOf(ScannerSettings used) {
        Set<String> installed = new LinkedHashSet<>(used.hashAlgorithms());
        installed.retainAll(hasher.availableAlgorithms());
        return Set.copyOf(installed);
    }

    private List<RootStatus> roots() {
        // The last scan's view, unless the folder has disappeared since (a drive unplugged between scans).
        return settings.mediaDirs().stream()
                .map(root -> Optional.ofNullable(rootStatuses.get(root))
                        .filter(status -> status.state() != RootStatus.State.OK || Files.isDirectory(root))
                        .orElseGet(() -> ScanRun.checkRoot(root)))
                .toList();
    }

    private WatchStatus watchStatus() {
        DirectoryWatcher current = watcher;
        if (current == null) {
            return new WatchStatus(false, 0, 0, settings.watchEnabled() ? "live watching is not available" : "");
        }
        return new WatchStatus(true, current.watched(), current.unwatched(), current.message());
    }

    private void awaitStop() {
        try {
            long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
            for (ExecutorService executor : List.of(timer, runner, hashPool)) {
                executor.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            }
            probeStage.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void logProblems(ScannerSettings settings) {
        settings.problems().forEach(problem -> LOG.warn("scanner configuration: {}", problem));
    }

    private static void logReport(ScanScope scope, ScanReport report) {
        ScanProgress totals = report.totals();
        LOG.info("{} scan of {} done in {} s: {} seen, {} new, {} changed, {} moved, {} gone, {} failed, {} problems",
                scope.full() ? "full" : "incremental", scope.everything() ? "all media dirs" : scope.folders(),
                String.format(Locale.ROOT, "%.2f",
                        Duration.between(totals.started(), report.finished()).toMillis() / 1000.0),
                totals.filesSeen(), totals.filesNew(), totals.filesChanged(), totals.filesMoved(), totals.filesGone(),
                totals.filesFailed(), report.problems().size());
        if (!report.problems().isEmpty()) {
            LOG.warn("scan problems (first {} of {}): {}", Math.min(5, report.problems().size()),
                    report.problems().size(), report.problems().subList(0, Math.min(5, report.problems().size())));
        }
    }
}
