package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;

/**
 * {@code KnownSnapshot} is responsible for the scanner's copy of what the catalog holds under each media root, kept
 * current with the scanner's own writes, so that a rescan of an unchanged library does not load every row again.
 *
 * <p>The copy is trusted only while the catalog's {@link MediaCatalog#generation() generation} is the one it was
 * taken or last updated at: any write by anybody else (the probe stage, {@code peer:hash}, the Edge link, the
 * screenshot index ...) moves the generation past it, and the next scan loads the rows again. The scanner's own
 * writes keep it current because each of them returns the row as committed and {@link BatchWriter} hands those
 * over together with the generation seen inside that transaction. A catalog that does not count
 * ({@code generation() < 0}) is never cached.
 *
 * <p>It is the scan thread's (one scan at a time); the methods are synchronized all the same.
 */
final class KnownSnapshot {

    /** Where a row of the copy lives. */
    private record Held(Path root, KnownFile file) {
    }

    /**
     * Per root, the rows by path text: a walk looks up every file it finds, and a String's hash and equality are
     * cheaper than a Path's (a path is one row in the catalog, and names that do not survive a round trip through
     * text are never cataloged).
     */
    private final Map<Path, Map<String, KnownFile>> byRoot = new HashMap<>();
    private final Map<Long, Held> byLuid = new HashMap<>();
    /** The catalog generation the copy matches; -1 when there is no copy. */
    private long generation = -1;
    private Path lastRoot;
    private Path lastRootKey;

    /**
     * The rows the catalog holds under {@code root} (deleted ones included), by path: the copy when it is current,
     * else loaded now. The map must not be modified.
     */
    synchronized Map<String, KnownFile> rowsUnder(MediaCatalog catalog, Path root) {
        // Read before loading: rows newer than their label only cause a reload later, never a stale copy.
        long now = catalog.generation();
        if (now < 0) {
            return index(catalog.knownUnderRoot(root));
        }
        if (now != generation) {
            clear();
            generation = now;
        }
        Path key = key(root);
        Map<String, KnownFile> rows = byRoot.get(key);
        if (rows == null) {
            rows = index(catalog.knownUnderRoot(root));
            byRoot.put(key, rows);
            rows.values().forEach(row -> byLuid.put(row.luid(), new Held(key, row)));
        }
        return Collections.unmodifiableMap(rows);
    }

    /**
     * The scanner committed {@code rows} (each as its write returned it, in write order) in a transaction that saw
     * generation {@code before}: the copy follows them when nobody else wrote since it was current, and is dropped
     * otherwise.
     */
    synchronized void committed(long before, List<MediaFile> rows) {
        if (generation < 0 || before != generation) {
            clear();
            return;
        }
        generation = before + 1;
        rows.forEach(this::apply);
    }

    /** A write whose outcome is unknown (it failed): the copy cannot be trusted any more. */
    synchronized void invalidate() {
        clear();
    }

    /** Forgets roots that are no longer configured. */
    synchronized void retainRoots(List<Path> roots) {
        List<Path> keys = roots.stream().map(KnownSnapshot::key).toList();
        byRoot.keySet().retainAll(keys);
        byLuid.values().removeIf(held -> !keys.contains(held.root()));
    }

    /** For tests: whether rows of {@code root} would come from the copy. */
    synchronized boolean holds(MediaCatalog catalog, Path root) {
        return generation >= 0 && generation == catalog.generation() && byRoot.containsKey(key(root));
    }

    private void apply(MediaFile row) {
        if (row == null) {
            return;
        }
        Path root = rootKey(row.mediaRoot());
        Held old = byLuid.remove(row.luid());
        if (old != null && !(old.root().equals(root) && old.file().path().equals(row.path()))) {
            // Moved (or to another root): its old path is free. Otherwise the put below replaces it.
            Map<String, KnownFile> rows = byRoot.get(old.root());
            if (rows != null) {
                rows.remove(old.file().path().toString(), old.file());
            }
        }
        Map<String, KnownFile> rows = byRoot.get(root);
        if (rows == null) {
            return; // a root not loaded (yet): it is read from the catalog when it is scanned
        }
        KnownFile file = KnownFile.of(row);
        KnownFile replaced = rows.put(file.path().toString(), file);
        if (replaced != null && replaced.luid() != row.luid()) {
            // A move onto a deleted row's path removed that row from the catalog.
            byLuid.remove(replaced.luid());
        }
        byLuid.put(row.luid(), new Held(root, file));
    }

    private void clear() {
        byRoot.clear();
        byLuid.clear();
        generation = -1;
    }

    private static Map<String, KnownFile> index(List<KnownFile> rows) {
        Map<String, KnownFile> byPath = new HashMap<>(Math.max(16, rows.size() * 4 / 3 + 1));
        rows.forEach(row -> byPath.put(row.path().toString(), row));
        return byPath;
    }

    private static Path key(Path root) {
        return root.toAbsolutePath().normalize();
    }

    /** {@link #key} of a row's root: nearly every row of a write has the same one. */
    private Path rootKey(Path mediaRoot) {
        if (!mediaRoot.equals(lastRoot)) {
            lastRoot = mediaRoot;
            lastRootKey = key(mediaRoot);
        }
        return lastRootKey;
    }
}
