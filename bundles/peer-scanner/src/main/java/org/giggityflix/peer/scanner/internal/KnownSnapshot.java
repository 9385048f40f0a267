package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
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
 * <p>Each root's rows are {@link PackedRows}: about 80 bytes per cataloged file between scans, measured by
 * {@code PerFileMemoryTest}, so a library of 1,000,000 files keeps well under 100 MiB here.
 *
 * <p>It is the scan thread's (one scan at a time); the methods are synchronized all the same.
 */
final class KnownSnapshot {

    /** Per root, its rows; a luid is in one root's rows at most. */
    private final Map<Path, PackedRows> byRoot = new HashMap<>();
    /** The catalog generation the copy matches; -1 when there is no copy. */
    private long generation = -1;
    private Path lastRoot;
    private Path lastRootKey;

    /**
     * The rows the catalog holds under {@code root} (deleted ones included): the copy when it is current, else loaded
     * now. The caller must not change them.
     */
    synchronized PackedRows rowsUnder(MediaCatalog catalog, Path root) {
        // Read before loading: rows newer than their label only cause a reload later, never a stale copy.
        long now = catalog.generation();
        if (now < 0) {
            return load(catalog, root);
        }
        if (now != generation) {
            clear();
            generation = now;
        }
        return byRoot.computeIfAbsent(key(root), unused -> load(catalog, root));
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
        byRoot.keySet().retainAll(roots.stream().map(KnownSnapshot::key).toList());
    }

    /** A scan ended: the rows give back the room they grew into and what removed rows held. */
    synchronized void trim() {
        byRoot.values().forEach(PackedRows::trim);
    }

    /** For tests: whether rows of {@code root} would come from the copy. */
    synchronized boolean holds(MediaCatalog catalog, Path root) {
        return generation >= 0 && generation == catalog.generation() && byRoot.containsKey(key(root));
    }

    private void apply(MediaFile row) {
        if (row == null) {
            return;
        }
        PackedRows rows = byRoot.get(rootKey(row.mediaRoot()));
        for (PackedRows other : byRoot.values()) {
            if (other != rows) {
                other.removeLuid(row.luid()); // moved to another root: its old path is free
            }
        }
        if (rows == null) {
            return; // a root not loaded (yet): it is read from the catalog when it is scanned
        }
        // Moved within the root: put frees the old path; onto a deleted row's path: it replaces that row.
        rows.put(KnownFile.of(row));
    }

    private void clear() {
        byRoot.clear();
        generation = -1;
    }

    private static PackedRows load(MediaCatalog catalog, Path root) {
        // Row by row into the compact form: a list of them all would hold about 400 bytes a row at once.
        PackedRows rows = new PackedRows(root.getFileSystem());
        catalog.forEachKnownUnderRoot(root, rows::put);
        rows.trim();
        return rows;
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
