package org.giggityflix.peer.scanner.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.HashProvider;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.scan.MediaScanner;
import org.giggityflix.peer.api.scan.RootStatus;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.api.scan.ScanRequest;
import org.giggityflix.peer.api.scan.ScanStatus;
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
 * {@code DirectoryMediaScanner} is responsible for keeping the catalog in step with the media dirs: it is the
 * scanner's DS component, applying configuration changes while it runs, following probes and hash providers as
 * they come and go, reporting the scanner's status, and running each scan ({@link ScanRun}) with what it holds
 * across scans. One scan at a time on its own thread is {@link ScanQueue}'s; the scans nobody asked for (the first
 * one, periodic rescans, live watching) are {@link ScanTriggers}'.
 */
@Component(service = MediaScanner.class, configurationPid = ScannerConstants.PID)
@Designate(ocd = ScannerConfiguration.class)
public class DirectoryMediaScanner implements MediaScanner {

    /** The first scan waits a little so that a starting peer finishes wiring (probes, hash providers) first. */
    static final long INITIAL_DELAY_MILLIS = 2000;
    private static final long PROVIDER_SETTLE_MILLIS = 1000;
    private static final int HASH_THREADS = 2;
    private static final int PROBE_THREADS = 2;
    private static final long STOP_WAIT_MILLIS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryMediaScanner.class);

    private final MediaCatalog catalog;
    private final FileHasher hasher;
    private final Clock clock;
    private final ProbeRegistry probes = new ProbeRegistry();
    private final ExecutorService hashPool = Executors.newFixedThreadPool(HASH_THREADS,
            new NamedThreads("peer-scanner-hash"));
    private final ProbeStage probeStage;
    private final RecentlyGone recentlyGone;
    private final KnownSnapshot known = new KnownSnapshot();
    private final Map<Path, RootStatus> rootStatuses = new ConcurrentHashMap<>();
    private final ScanQueue queue;
    private final ScanTriggers triggers;
    private volatile ScannerSettings settings;
    /** The algorithms the last scan of everything checked every file for; read and written on the queue's thread. */
    private Set<String> verifiedAlgorithms = Set.of();

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
        this.queue = new ScanQueue(clock, this::runScan);
        this.triggers = new ScanTriggers(clock, this::submit);
        triggers.start(settings, initialDelayMillis);
    }

    @Modified
    public void modified(Map<String, Object> properties) {
        ScannerSettings old = settings;
        ScannerSettings now = ScannerSettings.parse(properties);
        logProblems(now);
        settings = now;
        if (queue.stopped()) {
            return;
        }
        forgetRemovedRoots(old, now);
        if (triggers.apply(old, now) || scanRelevantChange(old, now)) {
            submit(ScanScope.everything(false));
        }
    }

    @Deactivate
    public void deactivate() {
        triggers.stop();
        queue.stop();
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
        // Before the first scan there is nothing to catch up on: that scan will include the new formats.
        if (newFormats && queue.last().isPresent()) {
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
        if (queue.scannedAndRunning() && settings.hashAlgorithms().contains(name)
                && !triggers.scanLater(ScanScope.everything(false), PROVIDER_SETTLE_MILLIS)) {
            LOG.debug("not catching up on {}: scanner stopping", name);
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
        return new ScanStatus(queue.progress(), queue.last(), triggers.nextScan(), roots(),
                triggers.watchStatus(settings.watchEnabled()));
    }

    /** For tests: the scanner's copy of the catalog's rows. */
    KnownSnapshot knownSnapshot() {
        return known;
    }

    /** Starts a scan of {@code scope}, joins a running one that covers it, or queues it (merged) behind. */
    CompletableFuture<ScanReport> submit(ScanScope scope) {
        return queue.submit(scope);
    }

    /**
     * Runs one scan on the queue's thread with the settings of the moment; files that were still being written are
     * looked at again once its report is out.
     */
    private ScanQueue.Outcome runScan(ScanScope scope, ProgressCounter progress, ProblemLog problems) {
        ScannerSettings used = settings;
        used.problems().forEach(problem -> problems.add("configuration: " + problem));
        Set<String> algorithms = installedOf(used);
        ScanReport report = null;
        Set<Path> unsettled = Set.of();
        try {
            boolean checkAll = !verifiedAlgorithms.equals(algorithms);
            ScanRun run = new ScanRun(context(used, checkAll), scope, progress, problems);
            report = run.run();
            unsettled = run.unsettled(); // and what it walked is watched: each folder before it was listed
            if (scope.everything()) {
                verifiedAlgorithms = algorithms;
            }
        } catch (CancellationException e) {
            problems.add("scan stopped before it finished");
        } catch (RuntimeException e) {
            LOG.error("scan failed", e);
            problems.add("scan failed: " + e);
        }
        Set<Path> recheck = unsettled;
        return new ScanQueue.Outcome(report, () -> recheckLater(recheck, used));
    }

    private ScanContext context(ScannerSettings used, boolean checkAll) {
        return new ScanContext(catalog, hasher, used, probes, probeStage, hashPool, recentlyGone, known, rootStatuses,
                checkAll, triggers::watchFolder, clock);
    }

    /** Files that were still being written get another look once they had time to settle. */
    private void recheckLater(Set<Path> unsettled, ScannerSettings used) {
        if (!unsettled.isEmpty()
                && !triggers.scanLater(ScanScope.folders(unsettled), used.settleSeconds() * 1000L + 500)) {
            LOG.debug("not rechecking unsettled files: scanner stopping");
        }
    }

    private void forgetRemovedRoots(ScannerSettings old, ScannerSettings now) {
        known.retainRoots(now.mediaDirs());
        for (Path root : old.mediaDirs()) {
            if (!now.mediaDirs().contains(root)) {
                rootStatuses.remove(root);
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

    private void awaitStop() {
        try {
            long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
            triggers.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()));
            queue.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()));
            hashPool.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            probeStage.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void logProblems(ScannerSettings settings) {
        settings.problems().forEach(problem -> LOG.warn("scanner configuration: {}", problem));
    }
}
