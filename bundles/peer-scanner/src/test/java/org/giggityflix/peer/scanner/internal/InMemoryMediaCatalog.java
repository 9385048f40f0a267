package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;

/**
 * {@code InMemoryMediaCatalog} is responsible for standing in for the SQLite catalog in unit tests: maps behind one
 * lock, all-or-nothing writes (work runs on copies that replace the originals only when it returns), and the
 * documented semantics of each batch operation.
 */
final class InMemoryMediaCatalog implements MediaCatalog {

    private Map<Long, MediaFile> rows = new LinkedHashMap<>();
    private Map<Long, Map<String, String>> digests = new HashMap<>();
    private long nextLuid = 1;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile long generation;
    private final AtomicInteger underRootLoads = new AtomicInteger();
    private volatile BiConsumer<Long, MediaStatus> onStatus = (luid, status) -> { };
    private volatile java.util.function.IntConsumer beforeWrite = number -> { };

    /** Called inside the transaction whenever a status is set: lets a test act at an exact point of a scan. */
    void onStatus(BiConsumer<Long, MediaStatus> hook) {
        this.onStatus = hook;
    }

    /**
     * Called on the writer's thread as each write starts, with its number (1, 2 ...), before anything changes: a
     * test may look at the scan at that point, or make the write fail (throw) so that nothing of it is kept.
     */
    void beforeWrite(java.util.function.IntConsumer hook) {
        this.beforeWrite = hook;
    }

    int writeCount() {
        return writes.get();
    }

    synchronized List<MediaFile> all() {
        return new ArrayList<>(rows.values());
    }

    synchronized List<MediaFile> live() {
        return rows.values().stream().filter(row -> row.status() != MediaStatus.DELETED).toList();
    }

    @Override
    public synchronized <T> T write(Work<T> work) {
        beforeWrite.accept(writes.incrementAndGet());
        Tx tx = new Tx(new LinkedHashMap<>(rows), copyDigests(), nextLuid);
        T result = work.run(tx);
        rows = tx.rows;
        digests = tx.digests;
        nextLuid = tx.nextLuid;
        generation++;
        return result;
    }

    /** Counted like the SQLite catalog's: every committed write, so the scanner's tests run with its snapshot. */
    @Override
    public long generation() {
        return generation;
    }

    @Override
    public synchronized Optional<MediaFile> find(long luid) {
        return Optional.ofNullable(rows.get(luid));
    }

    @Override
    public synchronized Optional<MediaFile> findByCatalogId(String catalogId) {
        return rows.values().stream().filter(row -> row.catalogId().equals(Optional.of(catalogId))).findFirst();
    }

    @Override
    public synchronized Optional<MediaFile> findByPath(Path path) {
        return rows.values().stream().filter(row -> row.path().equals(path)).findFirst();
    }

    @Override
    public synchronized List<MediaFile> list(MediaQuery query) {
        return matching(query).stream().skip(query.offset()).limit(query.limit()).toList();
    }

    @Override
    public synchronized long count(MediaQuery query) {
        return matching(query).size();
    }

    /** How many times a scan loaded the rows under a root (the scanner's snapshot saves those loads). */
    int underRootLoads() {
        return underRootLoads.get();
    }

    @Override
    public synchronized List<MediaFile> listUnderRoot(Path mediaRoot) {
        underRootLoads.incrementAndGet();
        return rows.values().stream().filter(row -> row.mediaRoot().equals(mediaRoot)).toList();
    }

    @Override
    public synchronized List<MediaFile> listWithoutCatalogId() {
        return live().stream().filter(row -> row.catalogId().isEmpty()).toList();
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

    @Override
    public synchronized RemapResult remapCatalogId(String oldCatalogId, String newCatalogId) {
        Optional<MediaFile> holder = findByCatalogId(oldCatalogId);
        if (holder.isEmpty()) {
            return RemapResult.UNKNOWN_OLD_ID;
        }
        if (findByCatalogId(newCatalogId).isPresent()) {
            return RemapResult.NEW_ID_IN_USE;
        }
        // As the Edge link does it: one transaction of the catalog's own.
        return write(batch -> {
            batch.catalogId(holder.get().luid(), newCatalogId);
            return RemapResult.REMAPPED;
        });
    }

    @Override
    public Path databaseFile() {
        return Path.of("/dev/null");
    }

    @Override
    public long databaseSize() {
        return 0;
    }

    private List<MediaFile> matching(MediaQuery query) {
        return rows.values().stream()
                .filter(row -> query.statuses().isEmpty() ? row.status() != MediaStatus.DELETED
                        : query.statuses().contains(row.status()))
                .filter(row -> query.text().map(text -> row.relativePath().toLowerCase()
                        .contains(text.toLowerCase())).orElse(true))
                .sorted(Comparator.comparing(MediaFile::relativePath)).toList();
    }

    private Map<Long, Map<String, String>> copyDigests() {
        Map<Long, Map<String, String>> copy = new HashMap<>();
        digests.forEach((luid, map) -> copy.put(luid, new HashMap<>(map)));
        return copy;
    }

    /** The batch of one write, working on copies. */
    private final class Tx implements CatalogBatch {
        private final Map<Long, MediaFile> rows;
        private final Map<Long, Map<String, String>> digests;
        private long nextLuid;

        Tx(Map<Long, MediaFile> rows, Map<Long, Map<String, String>> digests, long nextLuid) {
            this.rows = rows;
            this.digests = digests;
            this.nextLuid = nextLuid;
        }

        @Override
        public MediaFile add(NewMediaFile file) {
            Optional<MediaFile> held = rows.values().stream().filter(row -> row.path().equals(file.path())).findFirst();
            long luid = held.map(MediaFile::luid).orElseGet(() -> nextLuid++);
            Instant now = Instant.now();
            digests.remove(luid);
            return put(new MediaFile(luid, held.flatMap(MediaFile::catalogId), file.path(), file.mediaRoot(),
                    file.relativePath(), file.size(), file.modified(), file.fileKey(), MediaStatus.PENDING,
                    Optional.empty(), Optional.empty(), held.map(MediaFile::discovered).orElse(now), now));
        }

        @Override
        public MediaFile changed(long luid, long size, Instant modified, Optional<String> fileKey) {
            MediaFile row = row(luid);
            digests.remove(luid);
            return put(new MediaFile(luid, row.catalogId(), row.path(), row.mediaRoot(), row.relativePath(), size,
                    modified, fileKey, MediaStatus.PENDING, Optional.empty(), Optional.empty(), row.discovered(),
                    Instant.now()));
        }

        @Override
        public MediaFile moved(long luid, Path newPath, Path mediaRoot, String relativePath, Instant modified,
                               Optional<String> fileKey) {
            MediaFile row = row(luid);
            // A path is unique: an old (deleted) row at the destination gives way, as a UNIQUE index would demand.
            rows.values().removeIf(other -> other.luid() != luid && other.path().equals(newPath));
            return put(new MediaFile(luid, row.catalogId(), newPath, mediaRoot, relativePath, row.size(), modified,
                    fileKey, row.status(), row.error(), row.metadata(), row.discovered(), Instant.now()));
        }

        @Override
        public MediaFile deleted(long luid) {
            return status(luid, MediaStatus.DELETED, Optional.empty());
        }

        @Override
        public MediaFile status(long luid, MediaStatus status, Optional<String> error) {
            MediaFile row = row(luid);
            onStatus.accept(luid, status);
            return put(new MediaFile(luid, row.catalogId(), row.path(), row.mediaRoot(), row.relativePath(),
                    row.size(), row.modified(), row.fileKey(), status,
                    status == MediaStatus.ERROR ? error : Optional.empty(), row.metadata(), row.discovered(),
                    Instant.now()));
        }

        @Override
        public MediaFile hashes(long luid, Map<String, String> values) {
            MediaFile row = row(luid);
            values.forEach((name, hex) -> {
                if (!name.equals(name.toLowerCase()) || !hex.equals(hex.toLowerCase())) {
                    throw new CatalogException("digests must be lower case: " + name + "=" + hex);
                }
            });
            digests.computeIfAbsent(luid, key -> new HashMap<>()).putAll(values);
            return row;
        }

        @Override
        public MediaFile metadata(long luid, MediaMetadata metadata) {
            MediaFile row = row(luid);
            return put(new MediaFile(luid, row.catalogId(), row.path(), row.mediaRoot(), row.relativePath(),
                    row.size(), row.modified(), row.fileKey(), row.status(), row.error(), Optional.of(metadata),
                    row.discovered(), Instant.now()));
        }

        @Override
        public MediaFile catalogId(long luid, String catalogId) {
            MediaFile row = row(luid);
            return put(new MediaFile(luid, Optional.of(catalogId), row.path(), row.mediaRoot(), row.relativePath(),
                    row.size(), row.modified(), row.fileKey(), row.status(), row.error(), row.metadata(),
                    row.discovered(), Instant.now()));
        }

        private MediaFile row(long luid) {
            MediaFile row = rows.get(luid);
            if (row == null) {
                throw new CatalogException("no row " + luid);
            }
            return row;
        }

        private MediaFile put(MediaFile row) {
            rows.put(row.luid(), row);
            return row;
        }
    }
}
