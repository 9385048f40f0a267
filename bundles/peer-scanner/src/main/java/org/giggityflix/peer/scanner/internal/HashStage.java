package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.UnknownAlgorithmException;
import org.giggityflix.peer.api.media.MediaProbe;

/**
 * {@code HashStage} is responsible for the part of a scan after the walk: hashing new and changed files in
 * windows (marked PROCESSING, then READY or ERROR in one transaction per window), telling moves from new files by
 * their digests, leaving files that are still being copied for a later look, and handing files to the probes.
 */
final class HashStage {

    /** A window ends at this many files or bytes, so PROCESSING means "being worked on now", not "queued". */
    private static final int WINDOW_FILES = BatchWriter.BATCH_SIZE;
    private static final long WINDOW_BYTES = 1L << 30;

    /** Modification times this far in the future are clock skew, not a copy in progress. */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(1);

    private final ScanContext context;
    private final ProgressCounter progress;
    private final ProblemLog problems;
    private final BatchWriter writer;
    private final Set<Long> claimed = new HashSet<>();
    private final Set<Path> unsettled = new HashSet<>();

    HashStage(ScanContext context, ProgressCounter progress, ProblemLog problems, BatchWriter writer) {
        this.context = context;
        this.progress = progress;
        this.problems = problems;
        this.writer = writer;
    }

    /** Vanished rows that turned out to be moved files (so they must not be marked deleted). */
    Set<Long> claimed() {
        return claimed;
    }

    /** Folders holding files that were still changing; they deserve another look once settled. */
    Set<Path> unsettled() {
        return unsettled;
    }

    /**
     * Hashes {@code items}, a window at a time (only the windows being read and marked are made from the queue); the
     * scan has counted what they read into {@code progress.bytesToHash} already.
     */
    void run(WorkQueue items) {
        progress.hashingStarts();
        Iterator<WorkItem> queue = items.iterator();
        List<WorkItem> window = nextWindow(queue);
        List<WorkItem> settled = window.isEmpty() ? List.of() : markProcessing(window);
        writer.flush();
        List<Future<Outcome>> running = submit(settled);
        try {
            while (!window.isEmpty()) {
                // While this window is read, the next one's files are checked (settled?) and their PROCESSING marks
                // queued: they commit in the transaction that stores this window's results (one commit per window).
                window = nextWindow(queue);
                settled = window.isEmpty() ? List.of() : markProcessing(window);
                List<Outcome> outcomes = collect(running);
                // The next window is read while this one's results are recorded and committed.
                running = submit(settled);
                writer.holdUntilFlush();
                Finished finished = new Finished();
                for (Outcome outcome : outcomes) {
                    record(outcome, finished);
                }
                finished.queue();
                writer.flush();
            }
        } finally {
            // Only left running when the scan stops early (a catalog error, a cancellation).
            running.forEach(future -> future.cancel(true));
        }
    }

    private List<Future<Outcome>> submit(List<WorkItem> items) {
        List<Future<Outcome>> futures = new ArrayList<>(items.size());
        try {
            for (WorkItem item : items) {
                futures.add(context.hashPool().submit(() -> hash(item)));
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            throw new CancellationException("scan stopped");
        }
        return futures;
    }

    private static List<Outcome> collect(List<Future<Outcome>> futures) {
        List<Outcome> outcomes = new ArrayList<>(futures.size());
        try {
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("scan stopped");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing task failed", e.getCause());
        }
        return outcomes;
    }

    /** The next window of the queue: {@link #WINDOW_FILES} files or {@link #WINDOW_BYTES} to read; empty at its end. */
    private static List<WorkItem> nextWindow(Iterator<WorkItem> queue) {
        List<WorkItem> window = new ArrayList<>();
        long windowBytes = 0;
        while (queue.hasNext() && window.size() < WINDOW_FILES && windowBytes < WINDOW_BYTES) {
            WorkItem item = queue.next();
            window.add(item);
            windowBytes += item.reads() ? item.file().size() : 0;
        }
        return window;
    }

    /** Queues PROCESSING for the window's files that may be hashed now; they commit with the next flush. */
    private List<WorkItem> markProcessing(List<WorkItem> window) {
        writer.holdUntilFlush();
        List<WorkItem> settled = window.stream().filter(this::settled).toList();
        List<Long> luids = settled.stream().filter(item -> item.luid() >= 0).map(WorkItem::luid).distinct().toList();
        if (!luids.isEmpty()) {
            // One statement for the window (CatalogBatch.statusAll), not one per file.
            writer.addRows(batch -> batch.statusAll(luids, MediaStatus.PROCESSING), luids.size(), rows -> { });
        }
        return settled;
    }

    /** Whether the file may be hashed now; vanished files are marked deleted, changing ones are deferred. */
    private boolean settled(WorkItem item) {
        checkCancelled();
        FoundFile file = item.file();
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file.path(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            vanished(item);
            return false;
        } catch (IOException e) {
            return true; // the read will fail with the real reason, recorded as the file's error
        }
        Instant modified = now.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
        Duration age = Duration.between(modified, context.clock().instant());
        boolean quiet = age.compareTo(Duration.ofSeconds(context.settings().settleSeconds())) >= 0
                || age.compareTo(FUTURE_SKEW.negated()) < 0;
        if (now.size() != file.size() || !modified.equals(file.modified()) || !quiet) {
            unsettled.add(file.path().getParent());
            return false;
        }
        return true;
    }

    private void vanished(WorkItem item) {
        problems.add("vanished before it could be hashed: " + item.file().path());
        if (item.luid() >= 0) {
            writer.add(batch -> batch.deleted(item.luid()));
            progress.filesGone.incrementAndGet();
        }
    }

    private Outcome hash(WorkItem item) {
        if (!item.reads()) {
            return new Outcome(item, Map.of(), null);
        }
        try {
            FileHashes hashes = context.hashWithProgress(item.file().path(), item.algorithms(),
                    progress.bytesHashed::addAndGet);
            return new Outcome(item, hashes.digests(), null);
        } catch (IOException | UnknownAlgorithmException e) {
            return new Outcome(item, Map.of(), e);
        }
    }

    private void record(Outcome outcome, Finished finished) {
        WorkItem item = outcome.item();
        if (outcome.failure() instanceof NoSuchFileException) {
            vanished(item);
        } else if (outcome.failure() instanceof UnknownAlgorithmException e) {
            problems.add("hash provider went away while hashing " + item.file().path() + ": " + e.getMessage());
            recordFailure(item, MediaStatus.PENDING, Optional.empty());
        } else if (outcome.failure() != null) {
            progress.filesFailed.incrementAndGet();
            String reason = reason(outcome.failure());
            problems.add("cannot read " + item.file().path() + ": " + reason);
            recordFailure(item, MediaStatus.ERROR, Optional.of(reason));
        } else {
            recordSuccess(item, outcome.digests(), finished);
        }
    }

    private void recordFailure(WorkItem item, MediaStatus status, Optional<String> reason) {
        if (item.luid() >= 0) {
            writer.add(batch -> batch.status(item.luid(), status, reason));
        } else {
            // Not cataloged yet: catalog it anyway, so the owner sees the file and why it failed.
            progress.filesNew.incrementAndGet();
            writer.add(batch -> batch.status(batch.add(item.file().toNew()).luid(), status, reason));
        }
    }

    private void recordSuccess(WorkItem item, Map<String, String> digests, Finished finished) {
        Optional<MediaProbe> probe = item.probeWanted()
                ? context.probes().forExtension(item.file().extension()) : Optional.empty();
        if (item.kind() == WorkItem.Kind.HASH && item.luid() >= 0 && !digests.isEmpty()) {
            finished.add(item.luid(), digests, probe);
            return;
        }
        Optional<KnownFile> match = item.kind() == WorkItem.Kind.MATCH_OR_ADD ? matchByDigests(item, digests)
                : Optional.empty();
        writer.add(batch -> finish(batch, item, match, digests, probe.isPresent()),
                row -> probeIfProcessing(row, probe));
    }

    private MediaFile finish(CatalogBatch batch, WorkItem item, Optional<KnownFile> match, Map<String, String> digests,
                             boolean canProbe) {
        FoundFile file = item.file();
        MediaFile row = item.luid() >= 0 ? null
                : match.map(old -> batch.moved(old.luid(), file.path(), file.root(), file.relativePath(),
                        file.modified(), file.fileKey())).orElseGet(() -> batch.add(file.toNew()));
        long luid = row == null ? item.luid() : row.luid();
        row = digests.isEmpty() ? row : batch.hashes(luid, digests);
        boolean probing = canProbe && (row == null || row.metadata().isEmpty());
        return batch.status(luid, probing ? MediaStatus.PROCESSING : MediaStatus.READY, Optional.empty());
    }

    private Optional<KnownFile> matchByDigests(WorkItem item, Map<String, String> digests) {
        for (KnownFile candidate : item.candidates()) {
            if (!claimed.contains(candidate.luid()) && sameContent(context.catalog().hashes(candidate.luid()), digests)) {
                claimed.add(candidate.luid());
                progress.filesMoved.incrementAndGet();
                return Optional.of(candidate);
            }
        }
        progress.filesNew.incrementAndGet();
        return Optional.empty();
    }

    private void probeIfProcessing(MediaFile row, Optional<MediaProbe> probe) {
        if (row.status() == MediaStatus.PROCESSING && probe.isPresent()) {
            context.probeStage().submit(row.luid(), row.path(), probe.get());
        }
    }

    /** Same content when at least one algorithm is shared and every shared one agrees. */
    private static boolean sameContent(Map<String, String> stored, Map<String, String> computed) {
        boolean shared = false;
        for (Map.Entry<String, String> digest : computed.entrySet()) {
            String old = stored.get(digest.getKey());
            if (old != null) {
                if (!old.equalsIgnoreCase(digest.getValue())) {
                    return false;
                }
                shared = true;
            }
        }
        return shared;
    }

    private static String reason(Exception failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("scan stopped");
        }
    }

    /**
     * {@code Finished} is responsible for a window's hashed files that only need their digests and status stored:
     * two statements for all of them ({@link CatalogBatch#hashedAll}), READY, or PROCESSING when a probe will read
     * the file next (an item wants a probe only when its row had no metadata when the scan looked).
     */
    private final class Finished {
        private final Map<Long, Map<String, String>> ready = new LinkedHashMap<>();
        private final Map<Long, Map<String, String>> probing = new LinkedHashMap<>();
        private final List<MediaProbe> probes = new ArrayList<>();

        void add(long luid, Map<String, String> digests, Optional<MediaProbe> probe) {
            if (probe.isPresent()) {
                if (probing.put(luid, digests) == null) {
                    probes.add(probe.get());
                }
            } else {
                ready.put(luid, digests);
            }
        }

        void queue() {
            if (!ready.isEmpty()) {
                writer.addRows(batch -> batch.hashedAll(ready, MediaStatus.READY), ready.size(), rows -> { });
            }
            if (!probing.isEmpty()) {
                writer.addRows(batch -> batch.hashedAll(probing, MediaStatus.PROCESSING), probing.size(), rows -> {
                    for (int i = 0; i < rows.size(); i++) {
                        probeIfProcessing(rows.get(i), Optional.of(probes.get(i)));
                    }
                });
            }
        }
    }

    /** What hashing one file gave. */
    private record Outcome(WorkItem item, Map<String, String> digests, Exception failure) {
    }
}
