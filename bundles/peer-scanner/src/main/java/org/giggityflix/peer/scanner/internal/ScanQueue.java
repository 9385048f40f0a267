package org.giggityflix.peer.scanner.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.scan.ScanProgress;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ScanQueue} is responsible for running one scan at a time on the scanner's own thread: a scan asked for
 * while one runs joins it when the running one covers it, or else waits behind it, merged with every other scan
 * asked for meanwhile. It holds the running scan's progress and the last scan's report, and logs each scan's end.
 */
final class ScanQueue {

    /** What one scan ended with (null when it failed: the queue then reports what it got to), and what follows. */
    record Outcome(ScanReport report, Runnable then) {
    }

    /** Runs one scan on the queue's thread; {@link Outcome#then()} runs once its report is published. */
    @FunctionalInterface
    interface Scans {
        Outcome run(ScanScope scope, ProgressCounter progress, ProblemLog problems);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScanQueue.class);

    /** A scan asked for: what it covers, and the future everyone who asked for it waits on. */
    private static final class Job {
        private volatile ScanScope scope;
        private final CompletableFuture<ScanReport> future = new CompletableFuture<>();

        Job(ScanScope scope) {
            this.scope = scope;
        }
    }

    private final Clock clock;
    private final Scans scans;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new NamedThreads("peer-scanner"));
    private Job running;
    private Job queued;
    private ProgressCounter current;
    private ScanReport last;
    private boolean stopped;

    ScanQueue(Clock clock, Scans scans) {
        this.clock = clock;
        this.scans = scans;
    }

    /** Starts a scan of {@code scope}, joins a running one that covers it, or queues it (merged) behind. */
    synchronized CompletableFuture<ScanReport> submit(ScanScope scope) {
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

    /** The running scan's progress, if one runs. */
    synchronized Optional<ScanProgress> progress() {
        return Optional.ofNullable(current).map(ProgressCounter::snapshot);
    }

    /** The last scan's report, if one ended. */
    synchronized Optional<ScanReport> last() {
        return Optional.ofNullable(last);
    }

    /** Whether a scan has ended and the queue takes more: something that arrives now needs a scan of its own. */
    synchronized boolean scannedAndRunning() {
        return last != null && !stopped;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** Refuses new scans, cancels the queued one and interrupts the running one. */
    void stop() {
        synchronized (this) {
            stopped = true;
            if (queued != null) {
                queued.future.completeExceptionally(new CancellationException("scanner stopped"));
                queued = null;
            }
        }
        runner.shutdownNow();
    }

    void awaitTermination(long millis) throws InterruptedException {
        runner.awaitTermination(millis, TimeUnit.MILLISECONDS);
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
        ProgressCounter progress = new ProgressCounter(clock, scope.full());
        ProblemLog problems = new ProblemLog();
        ScanReport report = null;
        Runnable then = () -> { };
        try {
            synchronized (this) {
                current = progress;
            }
            Outcome outcome = scans.run(scope, progress, problems);
            report = outcome.report();
            then = outcome.then();
        } catch (RuntimeException | Error e) {
            // Without this an Error (most often the heap running out on a library too large for JAVA_MAX_MEM) ended
            // the scan with a report that looked clean, its counts including files that were never written.
            LOG.error("{} scan of {} stopped", scope.full() ? "full" : "incremental",
                    scope.everything() ? "all media dirs" : scope.folders(), e);
            problems.add(stoppedBy(e));
        } finally {
            if (report == null) {
                report = new ScanReport(progress.snapshot(), clock.instant(), problems.lines());
            }
            finish(job, report);
        }
        then.run();
    }

    /** The report's line for a scan that ended by an exception or error instead of finishing. */
    static String stoppedBy(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "scan stopped: the peer ran out of memory (" + e.getMessage() + "); files it had found but not yet"
                    + " written are not in the catalog: give the peer more heap (JAVA_MAX_MEM) and scan again";
        }
        return "scan stopped: " + e;
    }

    private void finish(Job job, ScanReport report) {
        logReport(job.scope, report);
        synchronized (this) {
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
