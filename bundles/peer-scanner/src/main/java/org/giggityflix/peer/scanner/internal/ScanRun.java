package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.scan.RootStatus;
import org.giggityflix.peer.api.scan.ScanReport;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ScanRun} is responsible for one scan: checking the roots, walking them (or some folders of them),
 * reconciling what was found with what the catalog knew (new, changed, moved, gone), then hashing.
 *
 * <p>A root that is missing or unreadable is reported and left alone: an unplugged USB drive is not "every file
 * deleted". Files are marked deleted only when their root is there and they are not.
 */
final class ScanRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScanRun.class);

    /** How long a new file found by a first scan's walk waits at most for its batch to fill before it is written. */
    private static final long WALKED_NEW_MAX_WAIT_NANOS = 250_000_000L;
    /**
     * Batches the walk may hand to the inserting thread before it waits for the oldest: one being inserted, one
     * ready, so that neither thread waits for the other and at most two batches of found files are held.
     */
    private static final int INSERTS_UNDER_WAY = 2;

    /** A walk target: a folder to walk and the media root it belongs to. */
    private record Target(Path root, Path start) {
    }

    private final ScanContext context;
    private final ScanScope scope;
    private final ProgressCounter progress;
    private final ProblemLog problems;
    private final BatchWriter writer;
    private final PathRules rules;
    private final Set<String> algorithms;
    /**
     * Found files with something to decide, in walk order; each path once (the walker never walks a folder twice,
     * nor two overlapping targets). Unchanged files with nothing to do are only counted ({@link #walked}).
     */
    private final List<FoundFile> found = new ArrayList<>();
    private final BitSet matchedLuids = new BitSet();
    private final Set<Long> matchedLargeLuids = new HashSet<>();
    private long matchedLive;
    /** What the catalog held under each walked root (only below the walked folders for a targeted scan). */
    private final Map<Path, Map<String, KnownFile>> known = new HashMap<>();
    private final Map<String, Boolean> probeWantedByExtension = new HashMap<>();
    private final List<WorkItem> items = new ArrayList<>();
    private HashStage hashStage;
    private TreeWalker walker;
    /**
     * Whether files under the root being walked that the catalog has no row for are cataloged while the walk goes on
     * ({@link #walkedNew}): only when nothing they could be a move of exists, so that "new" is certain before the
     * walk ends — a first scan, or a media dir added beside a library whose files were all found again.
     */
    private boolean catalogWhileWalking;
    /** Whether any root of this run was cataloged while walked (its rows are matched but not in {@link #known}). */
    private boolean catalogedWhileWalking;
    /** Live rows under the roots walked so far, and how many of them the walk found (see {@link #walk}). */
    private long liveRowsWalked;
    private long liveRowsFound;
    /** New files found by the walk and not yet written (with {@link #catalogWhileWalking}). */
    private List<FoundFile> walkedNew = new ArrayList<>();
    private long walkedNewSince;
    /** Batches of new files handed to {@link #inserter} and not taken back yet, oldest first. */
    private final Deque<Inserting> inserting = new ArrayDeque<>();
    /** The thread that catalogs a first scan's batches while the walk goes on; made on the first batch. */
    private ExecutorService inserter;
    /** Set by the inserting thread when a batch failed: the ones after it are not written. */
    private volatile boolean insertFailed;

    /** A batch of new files being cataloged, and its rows to come (in the same order). */
    private record Inserting(List<FoundFile> files, Future<List<MediaFile>> rows) {
    }

    ScanRun(ScanContext context, ScanScope scope, ProgressCounter progress, ProblemLog problems) {
        this.context = context;
        this.scope = scope;
        this.progress = progress;
        this.problems = problems;
        this.writer = new BatchWriter(context.catalog(), context.known(), BatchWriter.BATCH_SIZE);
        this.rules = context.rules();
        this.algorithms = Set.copyOf(effectiveAlgorithms()); // immutable: each WorkItem keeps it without a copy
    }

    /** Runs the scan; the report lists what went wrong, the scan itself only stops for a failing catalog. */
    ScanReport run() {
        long started = System.nanoTime();
        try {
            walk();
            List<KnownFile> gone = reconcile(); // every row the walk found is in the catalog from here on
            logCataloged(started, countWorkToRead());
            hashStage = new HashStage(context, progress, problems, writer);
            hashStage.run(items);
            deleteUnclaimed(gone);
            writer.flush();
        } catch (CatalogException e) {
            problems.add("catalog error, scan stopped: " + e.getMessage());
        }
        return new ScanReport(progress.snapshot(), context.clock().instant(), problems.lines());
    }

    /**
     * Says when the library is browsable: a first scan of a large library catalogs every file in seconds, then
     * reads each one for its digests, which can take hours; the person who started it wants to know which phase
     * it is in. Scans of a few watched folders, and scans that found nothing to do, say it at debug level.
     */
    private void logCataloged(long started, long filesToRead) {
        boolean worthSaying = scope.everything() && (progress.filesNew.get() > 0 || progress.filesChanged.get() > 0
                || filesToRead > 0);
        if (worthSaying ? LOG.isInfoEnabled() : LOG.isDebugEnabled()) {
            String line = String.format(Locale.ROOT, "%,d files found, %,d new and %,d changed cataloged in %.2f s;"
                            + " %,d to hash (%,d MiB)", progress.filesSeen.get(), progress.filesNew.get(),
                    progress.filesChanged.get(), (System.nanoTime() - started) / 1e9, filesToRead,
                    progress.bytesToHash.get() >> 20);
            if (worthSaying) {
                LOG.info(line);
            } else {
                LOG.debug(line);
            }
        }
    }

    /** Counts what the hashing stage will read into the progress (the ETA's basis); returns how many files. */
    private long countWorkToRead() {
        long files = 0;
        long bytes = 0;
        for (WorkItem item : items) {
            if (item.reads()) {
                files++;
                bytes += item.file().size();
            }
        }
        progress.bytesToHash.addAndGet(bytes);
        return files;
    }

    /** Folders with files still being copied; empty before {@link #run()}. */
    Set<Path> unsettled() {
        return hashStage == null ? Set.of() : hashStage.unsettled();
    }

    private void walk() {
        walker = new TreeWalker(rules, problems, context.onFolder(), context.hashPool());
        Map<Path, List<Target>> byRoot = targets().stream()
                .collect(Collectors.groupingBy(Target::root, LinkedHashMap::new, Collectors.toList()));
        boolean firstScan = nothingCouldHaveMoved(byRoot.keySet());
        List<Path> order = new ArrayList<>(byRoot.keySet());
        Set<Path> cataloged = new HashSet<>();
        if (scope.everything() && !firstScan) {
            order.stream().filter(this::hasLiveRows).forEach(cataloged::add);
            // Roots with cataloged files first (a stable sort: configured order otherwise), so that a media dir
            // added to a cataloged library can be cataloged while it is walked, and the paths already cataloged
            // keep winning over a second way to the same file.
            order.sort(Comparator.comparing(root -> !cataloged.contains(root)));
        }
        for (Path root : order) {
            catalogWhileWalking = firstScan || (scope.everything() && onlyNewFilesUnder(root, cataloged));
            catalogedWhileWalking |= catalogWhileWalking;
            walkRoot(root, byRoot.get(root));
        }
    }

    private boolean hasLiveRows(Path root) {
        return context.known().rowsUnder(context.catalog(), root).values().stream()
                .anyMatch(row -> row.status() != MediaStatus.DELETED);
    }

    /**
     * Whether a file found under {@code root} without a row can only be new: the root has no live row, it is walked
     * after every root that has some ({@link #walk}), and each of those had every live row found again — so nothing
     * is gone that the file could be a move of — and nothing was deleted recently either (a move claims it by inode).
     */
    private boolean onlyNewFilesUnder(Path root, Set<Path> cataloged) {
        return context.recentlyGone().isEmpty() && !cataloged.contains(root) && liveRowsFound == liveRowsWalked;
    }

    /**
     * Whether a file without a row can only be new: no live row under any root of this scan (none can be gone, so
     * none can have moved) and no recently deleted row to claim by inode — a first scan. A rescan finds a live row
     * under its first root at once (the snapshot's map), so it pays nothing for the check.
     */
    private boolean nothingCouldHaveMoved(Collection<Path> roots) {
        if (!context.recentlyGone().isEmpty()) {
            return false;
        }
        for (Path root : roots) {
            if (context.known().rowsUnder(context.catalog(), root).values().stream()
                    .anyMatch(row -> row.status() != MediaStatus.DELETED)) {
                return false;
            }
        }
        return true;
    }

    private void walkRoot(Path root, List<Target> targets) {
        RootStatus status = checkRoot(root);
        if (status.state() != RootStatus.State.OK) {
            context.rootStatuses().put(root, status);
            problems.add("media folder " + root + " " + status.message() + "; its files are left as they were");
            return;
        }
        // The scanner's copy when nobody else wrote since the last scan, else the rows (only the columns
        // reconciling needs) loaded from the catalog: a rescan of a large library would load every row of its roots.
        Map<String, KnownFile> rows = context.known().rowsUnder(context.catalog(), root);
        if (looksUnmounted(root, rows.values())) {
            return;
        }
        context.rootStatuses().put(root, status);
        liveRowsWalked += rows.values().stream().filter(row -> row.status() != MediaStatus.DELETED).count();
        for (Target target : targets) {
            // Rows are looked up where folders are read (the worker threads): the snapshot's maps must not change
            // until the walk ends, so the updates of what is cataloged while walking are applied after it.
            writer.deferSnapshot();
            try {
                walker.walk(root, target.start(), this::walked, path -> rows.get(path.toString()));
                writeWalkedNew();
                takeInserted(0);
            } finally {
                letInsertsFinish();
                writer.applySnapshot();
            }
            // The whole root: the snapshot's own map, read (never written) until reconcile has looked everything up.
            if (target.start().equals(root)) {
                known.put(root, rows);
            } else if (known.get(root) != rows) {
                Map<String, KnownFile> below = known.computeIfAbsent(root, unused -> new HashMap<>());
                rows.values().stream().filter(row -> row.path().startsWith(target.start()))
                        .forEach(row -> below.put(row.path().toString(), row));
            }
        }
    }

    /**
     * An empty root that the catalog remembers files under is most likely a mount point whose drive is not
     * mounted; treating it as missing keeps the catalog intact until the drive returns.
     */
    private boolean looksUnmounted(Path root, Collection<KnownFile> rows) {
        if (rows.stream().allMatch(row -> row.status() == MediaStatus.DELETED) || !isEmptyFolder(root)) {
            return false;
        }
        RootStatus status = new RootStatus(root, RootStatus.State.MISSING,
                "is empty (drive not mounted?); its cataloged files are kept");
        context.rootStatuses().put(root, status);
        problems.add("media folder " + root + " " + status.message());
        return true;
    }

    /**
     * A file the walk found. An unchanged READY file with nothing left to do (nearly every file of a rescan) is only
     * counted as matched and let go: keeping 100,000 of them until reconciling made every young collection copy them.
     */
    private void walked(FoundFile file) {
        progress.filesSeen.incrementAndGet();
        KnownFile row = file.known();
        if (row != null && row.status() != MediaStatus.DELETED) {
            liveRowsFound++; // one path per row: each live row is found at most once
        }
        if (row != null && nothingToDo(file, row)) {
            matched(row);
        } else if (row == null && catalogWhileWalking) {
            walkedNew(file);
        } else {
            found.add(file);
        }
    }

    /**
     * A file that can only be new (a first scan): cataloged in batches of {@link BatchWriter#ADD_ALL_SIZE} while the
     * walk's worker threads read on, or sooner when the walk is slow, rather than after the walk: the library is
     * browsable sooner, and inserting overlaps walking. Same rows, order and hashing as reconciling would give.
     */
    private void walkedNew(FoundFile file) {
        progress.filesNew.incrementAndGet();
        if (walkedNew.isEmpty()) {
            walkedNewSince = System.nanoTime();
        }
        walkedNew.add(file);
        if (walkedNew.size() >= BatchWriter.ADD_ALL_SIZE
                || System.nanoTime() - walkedNewSince > WALKED_NEW_MAX_WAIT_NANOS) {
            writeWalkedNew();
        }
    }

    /**
     * Hands the batch of new files to the inserting thread and walks on: SQLite's work for one batch overlaps the
     * walk's bookkeeping for the next. Batches commit one after the other in walk order (one thread), so luids still
     * follow the walk; their rows are taken back here, on the scan thread, which alone updates this run's state.
     */
    private void writeWalkedNew() {
        if (walkedNew.isEmpty()) {
            return;
        }
        List<FoundFile> files = walkedNew;
        walkedNew = new ArrayList<>();
        if (inserter == null) {
            inserter = Executors.newSingleThreadExecutor(new NamedThreads("peer-scanner-insert"));
        }
        inserting.add(new Inserting(files, inserter.submit(() -> insert(files))));
        takeInserted(INSERTS_UNDER_WAY);
    }

    /** On the inserting thread: one batch, unless an earlier one failed (the scan is stopping; keep what is whole). */
    private List<MediaFile> insert(List<FoundFile> files) {
        if (insertFailed) {
            throw new CancellationException("an earlier batch failed");
        }
        try {
            return writer.insertNew(files);
        } catch (RuntimeException e) {
            insertFailed = true;
            throw e;
        }
    }

    /** Takes back the rows of finished batches, waiting for the oldest while more than {@code atMost} are under way. */
    private void takeInserted(int atMost) {
        while (!inserting.isEmpty() && (inserting.size() > atMost || inserting.peek().rows().isDone())) {
            Inserting batch = inserting.remove();
            List<MediaFile> rows = await(batch.rows());
            for (int i = 0; i < rows.size(); i++) {
                matchedLuid(rows.get(i).luid());
                queue(hashItem(batch.files().get(i), rows.get(i), algorithms));
            }
        }
    }

    private static List<MediaFile> await(Future<List<MediaFile>> rows) {
        try {
            return rows.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("scan stopped");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // a CatalogException stops the scan as it would on the scan thread
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Ends the inserting thread's part of a walk, so that no write of this scan is left running once it returns. A
     * walk that ended normally has taken every batch back already. After a catalog error the batches still waiting
     * are skipped ({@link #insertFailed}); a scan being stopped also interrupts the batch being written (its
     * transaction commits or rolls back whole). Either way the next scan finds the files not cataloged again.
     */
    private void letInsertsFinish() {
        if (inserter == null) {
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            inserter.shutdownNow();
        } else {
            inserter.shutdown();
        }
        boolean interrupted = false;
        while (true) {
            try {
                if (inserter.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        inserter = null;
        inserting.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@link #classify} decides for a READY row of the same size and mtime when it has nothing to write. */
    private boolean nothingToDo(FoundFile file, KnownFile row) {
        return row.status() == MediaStatus.READY && row.size() == file.size()
                && row.modified().toEpochMilli() == file.modifiedMillis() && !scope.full()
                && !context.checkAllHashes() && (row.probed() || !probeWanted(file));
    }

    /** Remembers that a live row's file was found (so it is not gone). */
    private void matched(KnownFile row) {
        if (row.status() != MediaStatus.DELETED) {
            matchedLuid(row.luid());
        }
    }

    /** Remembers that a live row, or one this scan cataloged, was found. */
    private void matchedLuid(long luid) {
        matchedLive++;
        if (luid >= 0 && luid < Integer.MAX_VALUE) {
            matchedLuids.set((int) luid);
        } else {
            matchedLargeLuids.add(luid);
        }
    }

    private boolean wasMatched(KnownFile row) {
        return row.luid() >= 0 && row.luid() < Integer.MAX_VALUE ? matchedLuids.get((int) row.luid())
                : matchedLargeLuids.contains(row.luid());
    }

    private List<KnownFile> reconcile() {
        // Every lookup first: the writes below keep the scanner's snapshot (whose maps these are) current.
        List<FoundFile> fresh = new ArrayList<>();
        List<FoundFile> matched = new ArrayList<>(found.size());
        List<KnownFile> rows = new ArrayList<>(found.size());
        for (FoundFile file : found) {
            KnownFile row = file.known() != null ? file.known() : knownRow(file.path());
            if (row == null) {
                fresh.add(file);
            } else {
                matched.add(file);
                rows.add(row);
                matched(row);
            }
        }
        List<KnownFile> gone = gone();
        for (int i = 0; i < matched.size(); i++) {
            classify(matched.get(i), rows.get(i));
        }
        matchByFileKey(fresh, gone);
        List<KnownFile> waiting = addOrMatchLater(fresh, gone);
        gone.removeAll(waiting);
        gone.forEach(this::delete);
        writer.flush();
        return waiting;
    }

    private KnownFile knownRow(Path path) {
        String text = path.toString();
        for (Map<String, KnownFile> rows : known.values()) {
            KnownFile row = rows.get(text);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    /**
     * Live rows that were not found. When every live row was found (an unchanged rescan) that is clear from the
     * counts, without a second lookup per file.
     */
    private List<KnownFile> gone() {
        long live = known.values().stream().flatMap(rows -> rows.values().stream())
                .filter(row -> row.status() != MediaStatus.DELETED).count();
        // (Files cataloged while walking are matched too, but not necessarily in these maps: no shortcut then.)
        if (live == matchedLive && !catalogedWhileWalking) {
            return new ArrayList<>();
        }
        // A path is one row (UNIQUE in the catalog): a row whose file was found is the row it matched.
        return known.values().stream().flatMap(rows -> rows.values().stream())
                .filter(row -> row.status() != MediaStatus.DELETED)
                .filter(row -> !wasMatched(row))
                .filter(row -> !shielded(row.path()))
                .sorted(Comparator.comparingLong(KnownFile::luid))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private void classify(FoundFile file, KnownFile row) {
        if (row.status() == MediaStatus.DELETED) {
            progress.filesNew.incrementAndGet();
            writer.add(batch -> batch.add(file.toNew()), added -> queue(hashItem(file, added, algorithms)));
        } else if (row.size() != file.size() || row.modified().toEpochMilli() != file.modifiedMillis()) {
            progress.filesChanged.incrementAndGet();
            writer.add(batch -> batch.changed(row.luid(), file.size(), file.modified(), file.fileKey()),
                    changed -> queue(hashItem(file, changed, algorithms)));
        } else if (scope.full() && row.status() != MediaStatus.PROCESSING) {
            queue(hashItem(file, row.luid(), row.probed(), algorithms));
        } else {
            unchanged(file, row);
        }
    }

    /** An unchanged file still needs work when an earlier scan was cut short or the configuration grew. */
    private void unchanged(FoundFile file, KnownFile row) {
        switch (row.status()) {
            case PENDING, PROCESSING -> queue(hashItem(file, row.luid(), row.probed(), missingDigests(row.luid())));
            case READY -> readyUnchanged(file, row);
            default -> {
                // ERROR stays until the file changes or a full scan retries it: no rereading every hour.
            }
        }
    }

    private void readyUnchanged(FoundFile file, KnownFile row) {
        Set<String> missing = context.checkAllHashes() ? missingDigests(row.luid()) : Set.of();
        if (!missing.isEmpty()) {
            queue(hashItem(file, row.luid(), row.probed(), missing));
        } else if (!row.probed() && probeWanted(file)) {
            items.add(new WorkItem(WorkItem.Kind.PROBE_ONLY, file, row.luid(), List.of(), Set.of(), true));
        }
    }

    /** Renames and moves on one file system keep their inode: match them first, and cheaply. */
    private void matchByFileKey(List<FoundFile> fresh, List<KnownFile> gone) {
        Map<String, KnownFile> goneByKey = new HashMap<>();
        gone.forEach(row -> row.fileKey().ifPresent(key -> goneByKey.put(key, row)));
        if (goneByKey.isEmpty() && context.recentlyGone().isEmpty()) {
            return; // nothing a new file could be (a first scan): no per-file lookups
        }
        for (FoundFile file : List.copyOf(fresh)) {
            Optional<KnownFile> row = file.fileKey().map(goneByKey::get).filter(old -> old.size() == file.size());
            Optional<Long> luid = row.map(KnownFile::luid)
                    .or(() -> file.fileKey().flatMap(key -> context.recentlyGone().claim(key, file.size())));
            if (luid.isPresent()) {
                row.ifPresent(gone::remove);
                fresh.remove(file);
                moved(file, luid.get());
            }
        }
    }

    private void moved(FoundFile file, long luid) {
        progress.filesMoved.incrementAndGet();
        writer.add(batch -> batch.moved(luid, file.path(), file.root(), file.relativePath(), file.modified(),
                file.fileKey()), row -> afterMove(file, row));
    }

    private void afterMove(FoundFile file, MediaFile row) {
        if (row.modified().toEpochMilli() != file.modified().toEpochMilli()) {
            writer.add(batch -> batch.changed(row.luid(), file.size(), file.modified(), file.fileKey()),
                    changed -> queue(hashItem(file, changed, algorithms)));
        } else if (row.status() != MediaStatus.READY || scope.full()) {
            // A row revived from "recently deleted" (or interrupted earlier) gets its status back once checked.
            queue(hashItem(file, row, scope.full() ? algorithms : missingDigests(row.luid())));
        }
    }

    /**
     * Files without an inode match: a vanished row of the same size might still be the same file (moved across
     * drives), which only the digests can tell; those are hashed first and added or matched afterwards.
     */
    private List<KnownFile> addOrMatchLater(List<FoundFile> fresh, List<KnownFile> gone) {
        Map<Long, List<KnownFile>> goneBySize = gone.stream().collect(Collectors.groupingBy(KnownFile::size));
        Set<KnownFile> waiting = new LinkedHashSet<>();
        List<FoundFile> added = new ArrayList<>();
        for (FoundFile file : fresh) {
            List<KnownFile> candidates = algorithms.isEmpty() ? List.of() : goneBySize.getOrDefault(file.size(), List.of());
            if (candidates.isEmpty()) {
                progress.filesNew.incrementAndGet();
                added.add(file);
            } else {
                waiting.addAll(candidates);
                queue(new WorkItem(WorkItem.Kind.MATCH_OR_ADD, file, -1, candidates, algorithms,
                        probeWanted(file)));
            }
        }
        // In bulk (a first scan adds every file), after the writes queued above.
        writer.addAll(added, (file, row) -> queue(hashItem(file, row, algorithms)));
        return new ArrayList<>(waiting);
    }

    private void deleteUnclaimed(List<KnownFile> waiting) {
        waiting.stream().filter(row -> !hashStage.claimed().contains(row.luid())).forEach(this::delete);
    }

    private void delete(KnownFile row) {
        progress.filesGone.incrementAndGet();
        writer.add(batch -> batch.deleted(row.luid()),
                deleted -> row.fileKey().ifPresent(key -> context.recentlyGone().remember(key, row.luid(), row.size())));
    }

    private void queue(WorkItem item) {
        // Without any HashProvider the file stays PENDING: READY would claim digests it does not have.
        if (!algorithms.isEmpty() || item.kind() == WorkItem.Kind.PROBE_ONLY) {
            items.add(item);
        }
    }

    private WorkItem hashItem(FoundFile file, MediaFile row, Set<String> digests) {
        return hashItem(file, row.luid(), row.metadata().isPresent(), digests);
    }

    private WorkItem hashItem(FoundFile file, long luid, boolean probed, Set<String> digests) {
        return new WorkItem(WorkItem.Kind.HASH, file, luid, List.of(), digests, probeWanted(file) && !probed);
    }

    private Set<String> missingDigests(long luid) {
        Set<String> missing = new LinkedHashSet<>(algorithms);
        missing.removeAll(context.catalog().hashes(luid).keySet());
        return missing;
    }

    private boolean probeWanted(FoundFile file) {
        return context.settings().extractMetadata() && context.probes().any()
                && probeWantedByExtension.computeIfAbsent(file.extension(),
                        extension -> context.probes().forExtension(extension).isPresent());
    }

    /** Rows below a folder that could not be listed, or entries that could not be examined, are not "gone". */
    private boolean shielded(Path path) {
        return walker.unstatable().contains(path) || walker.unlisted().stream().anyMatch(path::startsWith);
    }

    private List<Target> targets() {
        List<Path> roots = context.settings().mediaDirs();
        if (scope.everything()) {
            return roots.stream().map(root -> new Target(root, root)).toList();
        }
        List<Target> targets = new ArrayList<>();
        scope.folders().stream().sorted(Comparator.comparingInt(Path::getNameCount)).forEach(folder ->
                rootOf(roots, folder).ifPresent(root -> addTarget(targets, root, folder)));
        return targets;
    }

    private void addTarget(List<Target> targets, Path root, Path folder) {
        Path start = folder;
        // A folder deleted since the event: rescan what is left of its parents (and see its files gone).
        while (!start.equals(root) && !Files.isDirectory(start)) {
            start = start.getParent();
        }
        Path chosen = start;
        boolean covered = targets.stream().anyMatch(t -> chosen.startsWith(t.start()));
        if (!covered && rules.entersPath(root, chosen)) {
            targets.add(new Target(root, chosen));
        }
    }

    private static Optional<Path> rootOf(List<Path> roots, Path folder) {
        return roots.stream().filter(folder::startsWith).max(Comparator.comparingInt(Path::getNameCount));
    }

    static RootStatus checkRoot(Path root) {
        if (!Files.exists(root)) {
            return new RootStatus(root, RootStatus.State.MISSING, "does not exist");
        }
        if (!Files.isDirectory(root)) {
            return new RootStatus(root, RootStatus.State.UNREADABLE, "is not a folder");
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            return new RootStatus(root, RootStatus.State.OK, "");
        } catch (IOException e) {
            return new RootStatus(root, RootStatus.State.UNREADABLE, "cannot be read: " + e.getMessage());
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            return !stream.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Configured algorithms that are installed; unknown names are reported and the default stands in. */
    private Set<String> effectiveAlgorithms() {
        Set<String> available = context.hasher().availableAlgorithms();
        Set<String> wanted = new LinkedHashSet<>(context.settings().hashAlgorithms());
        for (String name : wanted) {
            if (!available.contains(name)) {
                problems.add("hash algorithm '" + name + "' is not installed (available: " + available + ")");
            }
        }
        wanted.retainAll(available);
        if (wanted.isEmpty()) {
            wanted.addAll(AlgorithmNames.normaliseAll(
                    ScannerSettings.commaList(ScannerConstants.DEFAULT_HASH_ALGORITHMS)));
            wanted.retainAll(available);
            if (!wanted.isEmpty()) {
                problems.add("none of the configured hash algorithms is installed; using " + wanted);
            } else {
                problems.add("no hash algorithm is installed; files stay PENDING until a HashProvider is");
            }
        }
        return wanted;
    }
}
