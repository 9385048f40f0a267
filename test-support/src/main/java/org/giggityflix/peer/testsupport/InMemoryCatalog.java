package org.giggityflix.peer.testsupport;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogChange.Kind;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.CatalogListener;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.giggityflix.peer.api.catalog.UncatalogedFile;

/**
 * {@code InMemoryCatalog} is responsible for standing in for the SQLite catalog ({@link MediaCatalog} and
 * {@link EdgeCatalog}) in the tests of the parts that write it (scanner, Edge link): the same contract held in maps
 * behind one lock — all-or-nothing writes, listeners told after the commit, a counted {@link #generation()}, unique
 * paths and catalog ids, uncataloged files paged by luid — with the SQLite catalog's rules for reviving a held path,
 * moving onto a deleted row's path and dropping digests and metadata when the content changes.
 *
 * <p>A module's own needs (a hook at an exact point of a write, a failure injected, a count of loads) go in a small
 * subclass: {@link #onWriteStart}, {@link #onStatusSet} and every public method may be overridden.
 */
public class InMemoryCatalog implements MediaCatalog, EdgeCatalog {

    private final TreeMap<Long, MediaFile> rows = new TreeMap<>();
    private final Map<Path, Long> byPath = new HashMap<>();
    private final Map<String, Long> byCatalogId = new HashMap<>();
    private final Map<Long, Map<String, String>> digests = new HashMap<>();
    private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
    private long nextLuid = 1;
    private int writes;
    private long generation;

    /** Tells {@code listener} every committed change from now on, as the SQLite catalog's whiteboard does. */
    public void listen(CatalogListener listener) {
        listeners.add(listener);
    }

    /** Catalogs {@code relativePath} under {@code root}, modified now (the file itself is the test's business). */
    public MediaFile add(Path root, String relativePath, long size) {
        return write(batch -> batch.add(newFile(root, relativePath, size)));
    }

    /** Catalogs many paths, one byte each, in one transaction. */
    public List<MediaFile> addAll(Path root, List<String> relativePaths) {
        return write(batch -> batch.addAll(relativePaths.stream().map(p -> newFile(root, p, 1)).toList()));
    }

    private static NewMediaFile newFile(Path root, String relativePath, long size) {
        return new NewMediaFile(root.resolve(relativePath), root, relativePath, size, Instant.now(), Optional.empty());
    }

    /** Every row, deleted ones included, in luid order. */
    public synchronized List<MediaFile> all() {
        return new ArrayList<>(rows.values());
    }

    /** The rows that are not deleted, in luid order. */
    public synchronized List<MediaFile> live() {
        return rows.values().stream().filter(row -> row.status() != MediaStatus.DELETED).toList();
    }

    /** How many writes were started, failed ones included. */
    public synchronized int writeCount() {
        return writes;
    }

    /**
     * Called under the catalog's lock as write number {@code number} (1, 2 ...) starts, before anything changes; an
     * exception thrown here fails that write and nothing of it is kept.
     */
    protected void onWriteStart(int number) {
    }

    /** Called inside the transaction whenever a row's status is set, before the row changes. */
    protected void onStatusSet(long luid, MediaStatus status) {
    }

    @Override
    public <T> T write(Work<T> work) {
        Batch batch;
        T result;
        synchronized (this) {
            onWriteStart(++writes);
            batch = new Batch();
            try {
                result = work.run(batch);
            } catch (RuntimeException | Error e) {
                batch.rollBack();
                throw e;
            } finally {
                batch.open = false;
            }
            generation++;
        }
        if (!batch.changes.isEmpty()) {
            List<CatalogChange> changes = List.copyOf(batch.changes);
            listeners.forEach(listener -> listener.catalogChanged(changes));
        }
        return result;
    }

    /** No faster mode here: the same as {@link #write}. */
    @Override
    public <T> T writeRecoverable(Work<T> work) {
        return write(work);
    }

    /** Counted like the SQLite catalog's: one more for every committed write. */
    @Override
    public synchronized long generation() {
        return generation;
    }

    @Override
    public synchronized Optional<MediaFile> find(long luid) {
        return Optional.ofNullable(rows.get(luid));
    }

    @Override
    public synchronized Optional<MediaFile> findByCatalogId(String catalogId) {
        return Optional.ofNullable(byCatalogId.get(catalogId)).map(rows::get);
    }

    @Override
    public synchronized Optional<MediaFile> findByPath(Path path) {
        return Optional.ofNullable(byPath.get(key(path))).map(rows::get);
    }

    @Override
    public synchronized List<MediaFile> list(MediaQuery query) {
        return matching(query).stream().skip(query.offset()).limit(query.limit()).toList();
    }

    @Override
    public synchronized long count(MediaQuery query) {
        return matching(query).size();
    }

    /** The query's filter and order as the API defines them ({@link MediaQuery#matches}, {@code comparator}). */
    private List<MediaFile> matching(MediaQuery query) {
        return rows.values().stream().filter(query::matches).sorted(query.comparator()).toList();
    }

    @Override
    public synchronized List<MediaFile> listUnderRoot(Path mediaRoot) {
        Path root = key(mediaRoot);
        return rows.values().stream().filter(row -> row.mediaRoot().equals(root)).toList();
    }

    @Override
    public List<KnownFile> knownUnderRoot(Path mediaRoot) {
        return listUnderRoot(mediaRoot).stream().map(KnownFile::of).toList();
    }

    /** {@link #knownUnderRoot}'s rows (a subclass that changes those changes these). */
    @Override
    public void forEachKnownUnderRoot(Path mediaRoot, Consumer<KnownFile> each) {
        knownUnderRoot(mediaRoot).forEach(each);
    }

    /** Every row a test would have seen already offered: {@link #uncatalogedAfter} without paging, oldest first. */
    public synchronized List<MediaFile> listWithoutCatalogId() {
        return rows.values().stream().filter(InMemoryCatalog::uncataloged).toList();
    }

    @Override
    public synchronized long countUncataloged() {
        return rows.values().stream().filter(InMemoryCatalog::uncataloged).count();
    }

    /** Pages by luid, like the SQLite catalog. */
    @Override
    public synchronized List<UncatalogedFile> uncatalogedAfter(long afterLuid, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return rows.tailMap(afterLuid, false).values().stream().filter(InMemoryCatalog::uncataloged).limit(limit)
                .map(UncatalogedFile::of).toList();
    }

    private static boolean uncataloged(MediaFile row) {
        return row.catalogId().isEmpty() && row.status() != MediaStatus.DELETED;
    }

    /** One transaction for all of them, skipping the ones that cannot be stored, like the SQLite catalog. */
    @Override
    public int storeCatalogIds(Map<Long, String> catalogIds) {
        return write(batch -> {
            int stored = 0;
            for (Map.Entry<Long, String> entry : catalogIds.entrySet()) {
                if (entry.getValue() == null || entry.getValue().isBlank()) {
                    continue;
                }
                try {
                    batch.catalogId(entry.getKey(), entry.getValue());
                    stored++;
                } catch (CatalogException e) {
                    // No such row, or the id is held by another: skipped (nothing of it was written).
                }
            }
            return stored;
        });
    }

    @Override
    public synchronized Map<MediaStatus, Long> countByStatus() {
        Map<MediaStatus, Long> counts = new EnumMap<>(MediaStatus.class);
        for (MediaStatus status : MediaStatus.values()) {
            counts.put(status, rows.values().stream().filter(row -> row.status() == status).count());
        }
        return counts;
    }

    @Override
    public synchronized Map<String, String> hashes(long luid) {
        return Map.copyOf(digests.getOrDefault(luid, Map.of()));
    }

    /** In one transaction of the catalog's own, as the SQLite catalog does it. */
    @Override
    public RemapResult remapCatalogId(String oldCatalogId, String newCatalogId) {
        return write(batch -> {
            Long holder = byCatalogId.get(oldCatalogId);
            if (holder == null) {
                return RemapResult.UNKNOWN_OLD_ID;
            }
            Long newHolder = byCatalogId.get(newCatalogId);
            if (newHolder != null) {
                // Remapping an id onto itself changes nothing and is not a conflict.
                return newHolder.equals(holder) ? RemapResult.REMAPPED : RemapResult.NEW_ID_IN_USE;
            }
            batch.catalogId(holder, newCatalogId);
            return RemapResult.REMAPPED;
        });
    }

    @Override
    public Path databaseFile() {
        return Path.of("memory");
    }

    @Override
    public long databaseSize() {
        return 0;
    }

    /** The form a path is held and looked up in, as the SQLite catalog stores it: absolute and normalized. */
    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** Stores {@code row}, keeping the path and catalog id indexes in step. */
    private void store(MediaFile row) {
        unindex(rows.put(row.luid(), row));
        byPath.put(row.path(), row.luid());
        row.catalogId().ifPresent(id -> byCatalogId.put(id, row.luid()));
    }

    private void remove(long luid) {
        unindex(rows.remove(luid));
    }

    private void unindex(MediaFile old) {
        if (old != null) {
            byPath.remove(old.path(), old.luid());
            old.catalogId().ifPresent(id -> byCatalogId.remove(id, old.luid()));
        }
    }

    /**
     * {@code Batch} is responsible for the writes of one transaction. They change the catalog's maps as they go
     * (under its lock), remembering each row's and each digest map's first value, so that a failure puts everything
     * back.
     */
    private final class Batch implements CatalogBatch {

        private final List<CatalogChange> changes = new ArrayList<>();
        private final Map<Long, Optional<MediaFile>> rowsBefore = new LinkedHashMap<>();
        private final Map<Long, Optional<Map<String, String>>> digestsBefore = new HashMap<>();
        private final long nextLuidBefore = nextLuid;
        private boolean open = true;

        @Override
        public MediaFile add(NewMediaFile file) {
            Optional<MediaFile> held = findByPath(checked(file).path());
            if (held.isPresent()) {
                return revive(held.get(), file);
            }
            long luid = nextLuid++;
            Instant now = Instant.now();
            return put(Kind.ADDED, new MediaFile(luid, Optional.empty(), key(file.path()), key(file.mediaRoot()),
                    file.relativePath(), file.size(), file.modified(), file.fileKey(), MediaStatus.PENDING,
                    Optional.empty(), Optional.empty(), now, now));
        }

        /**
         * As the SQLite catalog does it: a live row with the same size and mtime is left alone; a deleted row comes
         * back as {@code PENDING} with the same luid and catalog id; digests and metadata go when size or mtime
         * differ.
         */
        private MediaFile revive(MediaFile held, NewMediaFile file) {
            boolean live = held.status() != MediaStatus.DELETED;
            boolean sameContent = held.size() == file.size() && held.modified().equals(file.modified());
            if (live && sameContent && held.mediaRoot().equals(key(file.mediaRoot()))
                    && held.relativePath().equals(file.relativePath()) && held.fileKey().equals(file.fileKey())) {
                return held;
            }
            boolean keepStatus = live && sameContent;
            if (!sameContent) {
                dropDigests(held.luid());
            }
            Kind kind = !live ? Kind.ADDED : sameContent ? Kind.UPDATED : Kind.CHANGED;
            return put(kind, new MediaFile(held.luid(), held.catalogId(), held.path(), key(file.mediaRoot()),
                    file.relativePath(), file.size(), file.modified(), file.fileKey(),
                    keepStatus ? held.status() : MediaStatus.PENDING, keepStatus ? held.error() : Optional.empty(),
                    sameContent ? held.metadata() : Optional.empty(), held.discovered(), Instant.now()));
        }

        @Override
        public MediaFile changed(long luid, long size, Instant modified, Optional<String> fileKey) {
            MediaFile row = row(luid);
            dropDigests(luid);
            return put(Kind.CHANGED, new MediaFile(luid, row.catalogId(), row.path(), row.mediaRoot(),
                    row.relativePath(), size, modified, fileKey, MediaStatus.PENDING, Optional.empty(),
                    Optional.empty(), row.discovered(), Instant.now()));
        }

        /** Onto a deleted row's path that row gives way (a path is unique); onto a live row's path it fails. */
        @Override
        public MediaFile moved(long luid, Path newPath, Path mediaRoot, String relativePath, Instant modified,
                               Optional<String> fileKey) {
            MediaFile row = row(luid);
            Long other = byPath.get(key(newPath));
            if (other != null && other != luid) {
                if (rows.get(other).status() != MediaStatus.DELETED) {
                    throw new CatalogException("cannot move luid " + luid + " to " + newPath
                            + ": that path is cataloged as luid " + other);
                }
                remember(other);
                remove(other);
            }
            MediaStatus status = row.status() == MediaStatus.DELETED ? MediaStatus.PENDING : row.status();
            return put(Kind.MOVED, new MediaFile(luid, row.catalogId(), key(newPath), key(mediaRoot), relativePath,
                    row.size(),
                    modified, fileKey, status, row.error(), row.metadata(), row.discovered(), Instant.now()));
        }

        @Override
        public MediaFile deleted(long luid) {
            MediaFile row = row(luid);
            if (row.status() == MediaStatus.DELETED) {
                return row;
            }
            onStatusSet(luid, MediaStatus.DELETED);
            return put(Kind.DELETED, withStatus(row, MediaStatus.DELETED, Optional.empty()));
        }

        @Override
        public MediaFile status(long luid, MediaStatus status, Optional<String> error) {
            if (status == MediaStatus.DELETED) {
                return deleted(luid);
            }
            MediaFile row = row(luid);
            onStatusSet(luid, status);
            return put(Kind.UPDATED, withStatus(row, status,
                    status == MediaStatus.ERROR ? error : Optional.empty()));
        }

        private static MediaFile withStatus(MediaFile row, MediaStatus status, Optional<String> error) {
            return new MediaFile(row.luid(), row.catalogId(), row.path(), row.mediaRoot(), row.relativePath(),
                    row.size(), row.modified(), row.fileKey(), status, error, row.metadata(), row.discovered(),
                    Instant.now());
        }

        @Override
        public MediaFile hashes(long luid, Map<String, String> values) {
            MediaFile row = row(luid);
            Map<String, String> normalized = new HashMap<>();
            values.forEach((name, value) -> {
                // As the SQLite catalog stores them: names and hex trimmed and lower-cased, anything else refused.
                if (name == null || name.isBlank()) {
                    throw new CatalogException("a digest for luid " + luid + " has no algorithm name");
                }
                String hex = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
                if (!hex.matches("[0-9a-f]+")) {
                    throw new CatalogException("the " + name + " digest for luid " + luid + " is not hex: '" + value
                            + "'");
                }
                normalized.put(name.strip().toLowerCase(Locale.ROOT), hex);
            });
            if (values.isEmpty()) {
                return row;
            }
            rememberDigests(luid);
            digests.computeIfAbsent(luid, key -> new HashMap<>()).putAll(normalized);
            return put(Kind.UPDATED, row);
        }

        @Override
        public MediaFile metadata(long luid, MediaMetadata metadata) {
            MediaFile row = row(luid);
            return put(Kind.UPDATED, new MediaFile(luid, row.catalogId(), row.path(), row.mediaRoot(),
                    row.relativePath(), row.size(), row.modified(), row.fileKey(), row.status(), row.error(),
                    Optional.of(metadata), row.discovered(), Instant.now()));
        }

        /** A catalog id is unique: one held by another row fails, one the row already holds changes nothing. */
        @Override
        public MediaFile catalogId(long luid, String catalogId) {
            MediaFile row = row(luid);
            if (catalogId == null || catalogId.isBlank()) {
                throw new CatalogException("a catalog id must not be empty");
            }
            Long holder = byCatalogId.get(catalogId);
            if (holder != null && holder == luid) {
                return row;
            }
            if (holder != null) {
                throw new CatalogException("catalog id '" + catalogId + "' is already held by luid " + holder
                        + "; cannot give it to luid " + luid);
            }
            return put(Kind.UPDATED, new MediaFile(luid, Optional.of(catalogId), row.path(), row.mediaRoot(),
                    row.relativePath(), row.size(), row.modified(), row.fileKey(), row.status(), row.error(),
                    row.metadata(), row.discovered(), Instant.now()));
        }

        private NewMediaFile checked(NewMediaFile file) {
            ensureOpen();
            return file;
        }

        private MediaFile row(long luid) {
            ensureOpen();
            MediaFile row = rows.get(luid);
            if (row == null) {
                throw new CatalogException("no catalog row with luid " + luid);
            }
            return row;
        }

        private void ensureOpen() {
            if (!open) {
                throw new CatalogException("this CatalogBatch belongs to a write that has ended");
            }
        }

        private void dropDigests(long luid) {
            rememberDigests(luid);
            digests.remove(luid);
        }

        private MediaFile put(Kind kind, MediaFile row) {
            remember(row.luid());
            store(row);
            changes.add(new CatalogChange(kind, row));
            return row;
        }

        private void remember(long luid) {
            rowsBefore.computeIfAbsent(luid, key -> Optional.ofNullable(rows.get(key)));
        }

        private void rememberDigests(long luid) {
            digestsBefore.computeIfAbsent(luid, key -> Optional.ofNullable(digests.get(key)).map(HashMap::new));
        }

        /** Puts back every row and digest map this batch touched, and the luid counter. */
        void rollBack() {
            rowsBefore.keySet().forEach(InMemoryCatalog.this::remove);
            rowsBefore.values().forEach(before -> before.ifPresent(InMemoryCatalog.this::store));
            digestsBefore.forEach((luid, before) -> {
                if (before.isPresent()) {
                    digests.put(luid, before.get());
                } else {
                    digests.remove(luid);
                }
            });
            nextLuid = nextLuidBefore;
            changes.clear();
        }
    }
}
