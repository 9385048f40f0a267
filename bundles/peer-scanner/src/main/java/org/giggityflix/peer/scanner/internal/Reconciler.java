package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code Reconciler} is responsible for deciding what each file a scan found means against the rows the catalog
 * held: unchanged (nothing to do, or digests or a probe still missing), changed, new, moved (by inode at once, or
 * by digests after hashing when a vanished row has the same size) or gone — written through the
 * {@link BatchWriter} — and for the hashing work that follows ({@link #items}).
 */
final class Reconciler {

    private final ScanContext context;
    private final ScanScope scope;
    private final ProgressCounter progress;
    private final BatchWriter writer;
    private final Set<String> algorithms;
    /**
     * Found files with something to decide, in walk order; each path once (the walker never walks a folder twice,
     * nor two overlapping targets). Unchanged files with nothing to do are only counted ({@link #matched}).
     */
    private final List<FoundFile> found = new ArrayList<>();
    private final BitSet matchedLuids = new BitSet();
    private final Set<Long> matchedLargeLuids = new HashSet<>();
    private long matchedLive;
    /** What the catalog held under each walked root (only below the walked folders for a targeted scan). */
    private final Map<Path, PackedRows> known = new HashMap<>();
    private final Map<String, Boolean> probeWantedByExtension = new HashMap<>();
    /** The hashing work, compact: a first scan queues an item for every file before the first is hashed. */
    private final WorkQueue items;

    /** @param algorithms the digests every file gets (immutable: each WorkItem keeps it without a copy) */
    Reconciler(ScanContext context, ScanScope scope, ProgressCounter progress, BatchWriter writer,
               Set<String> algorithms) {
        this.context = context;
        this.scope = scope;
        this.progress = progress;
        this.writer = writer;
        this.algorithms = algorithms;
        this.items = new WorkQueue(algorithms);
    }

    /** The hashing and probing work decided so far, in order. */
    WorkQueue items() {
        return items;
    }

    /** A found file with something to decide once the walk is over. */
    void found(FoundFile file) {
        found.add(file);
    }

    /** A file the walk cataloged as new (see {@link FirstScanInserter}): found, and to be hashed. */
    void inserted(FoundFile file, MediaFile row) {
        matchedLuid(row.luid());
        queue(hashItem(file, row, algorithms));
    }

    /**
     * The rows the catalog held under {@code root}, walked from {@code start}: the whole root keeps the snapshot's
     * own map (read, never written, until {@link #reconcile} has looked everything up), a folder of it the rows below.
     */
    void walked(Path root, Path start, PackedRows rows) {
        if (start.equals(root)) {
            known.put(root, rows);
        } else if (known.get(root) == null) {
            known.put(root, rows.below(start));
        } else if (known.get(root) != rows) {
            rows.copyBelow(start, known.get(root));
        }
    }

    /** What {@link #classify} decides for a READY row of the same size and mtime when it has nothing to write. */
    boolean nothingToDo(FoundFile file, KnownFile row) {
        return row.status() == MediaStatus.READY && row.size() == file.size()
                && row.modified().toEpochMilli() == file.modifiedMillis() && !scope.full()
                && !context.checkAllHashes() && (row.probed() || !probeWanted(file));
    }

    /** Remembers that a live row's file was found (so it is not gone). */
    void matched(KnownFile row) {
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

    private boolean wasMatched(long luid) {
        return luid >= 0 && luid < Integer.MAX_VALUE ? matchedLuids.get((int) luid) : matchedLargeLuids.contains(luid);
    }

    /**
     * Decides every found file: changed, new, moved by inode, deleted when gone; returns the vanished rows that a
     * new file of the same size may still be (decided by digests, then {@link #deleteUnclaimed}).
     *
     * @param catalogedWhileWalking whether some root was cataloged while walked (its rows are not in the maps)
     * @param shielded              rows below a folder that could not be listed, or not examined, are not gone
     */
    List<KnownFile> reconcile(boolean catalogedWhileWalking, Predicate<Path> shielded) {
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
        List<KnownFile> gone = gone(catalogedWhileWalking, shielded);
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
        for (PackedRows rows : known.values()) {
            KnownFile row = rows.get(path);
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
    private List<KnownFile> gone(boolean catalogedWhileWalking, Predicate<Path> shielded) {
        long live = known.values().stream().mapToLong(PackedRows::live).sum();
        // (Files cataloged while walking are matched too, but not necessarily in these maps: no shortcut then.)
        if (live == matchedLive && !catalogedWhileWalking) {
            return new ArrayList<>();
        }
        // A path is one row (UNIQUE in the catalog): a row whose file was found is the row it matched.
        return known.values().stream().flatMap(rows -> rows.liveRows(luid -> !wasMatched(luid)).stream())
                .filter(row -> !shielded.test(row.path()))
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

    /** The vanished rows that hashing did not find again ({@code claimed}) are deleted. */
    void deleteUnclaimed(List<KnownFile> waiting, Set<Long> claimed) {
        waiting.stream().filter(row -> !claimed.contains(row.luid())).forEach(this::delete);
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
}
