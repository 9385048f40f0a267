package org.giggityflix.peer.edge.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.giggityflix.peer.api.catalog.CatalogBatch;
import org.giggityflix.peer.api.catalog.CatalogChange;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.CatalogListener;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.NewMediaFile;
import org.giggityflix.peer.api.catalog.UncatalogedFile;

/**
 * {@code InMemoryCatalog} is responsible for standing in for the SQLite catalog in tests: the same contract
 * (transactions, listeners told after commit, unique catalog ids) held in a map.
 */
final class InMemoryCatalog implements MediaCatalog {

    private final TreeMap<Long, MediaFile> rows = new TreeMap<>();
    private final Map<Long, Map<String, String>> hashes = new HashMap<>();
    private final Map<String, Long> byCatalogId = new HashMap<>();
    private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
    private long nextLuid = 1;

    void listen(CatalogListener listener) {
        listeners.add(listener);
    }

    /** Catalogs {@code relativePath} under {@code root} (the file itself is the test's business). */
    MediaFile add(Path root, String relativePath, long size) {
        return write(b -> b.add(newFile(root, relativePath, size)));
    }

    /** Catalogs many paths in one transaction (benchmarks). */
    void addAll(Path root, List<String> relativePaths) {
        write(b -> {
            relativePaths.forEach(p -> b.add(newFile(root, p, 1)));
            return null;
        });
    }

    private static NewMediaFile newFile(Path root, String relativePath, long size) {
        return new NewMediaFile(root.resolve(relativePath), root, relativePath, size, Instant.now(), Optional.empty());
    }

    @Override
    public <T> T write(Work<T> work) {
        Batch batch;
        T result;
        synchronized (this) {
            Map<Long, MediaFile> before = new HashMap<>(rows);
            Map<Long, Map<String, String>> hashesBefore = new HashMap<>(hashes);
            Map<String, Long> idsBefore = new HashMap<>(byCatalogId);
            batch = new Batch();
            try {
                result = work.run(batch);
            } catch (RuntimeException e) {
                rows.clear();
                rows.putAll(before);
                hashes.clear();
                hashes.putAll(hashesBefore);
                byCatalogId.clear();
                byCatalogId.putAll(idsBefore);
                throw e;
            }
        }
        if (!batch.changes.isEmpty()) {
            listeners.forEach(l -> l.catalogChanged(List.copyOf(batch.changes)));
        }
        return result;
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
        return rows.values().stream().filter(f -> f.path().equals(path)).findFirst();
    }

    @Override
    public synchronized List<MediaFile> list(MediaQuery query) {
        return matching(query).stream().skip(query.offset()).limit(query.limit()).toList();
    }

    @Override
    public synchronized long count(MediaQuery query) {
        return matching(query).size();
    }

    private List<MediaFile> matching(MediaQuery query) {
        return rows.values().stream()
                .filter(f -> query.statuses().isEmpty() ? f.status() != MediaStatus.DELETED
                        : query.statuses().contains(f.status()))
                .filter(f -> query.text().map(t -> f.relativePath().toLowerCase().contains(t.toLowerCase())).orElse(true))
                .sorted(Comparator.comparing(MediaFile::relativePath)).toList();
    }

    @Override
    public synchronized List<MediaFile> listUnderRoot(Path mediaRoot) {
        return rows.values().stream().filter(f -> f.mediaRoot().equals(mediaRoot)).toList();
    }

    @Override
    public synchronized List<MediaFile> listWithoutCatalogId() {
        // A page at most, oldest first, like the SQLite catalog.
        return rows.values().stream().filter(f -> f.catalogId().isEmpty() && f.status() != MediaStatus.DELETED)
                .limit(MediaQuery.MAX_LIMIT).toList();
    }

    /** Pages by luid, like the SQLite catalog (the default would filter the bounded list above). */
    @Override
    public synchronized List<UncatalogedFile> uncatalogedAfter(long afterLuid, int limit) {
        return rows.tailMap(afterLuid, false).values().stream()
                .filter(f -> f.catalogId().isEmpty() && f.status() != MediaStatus.DELETED).limit(limit)
                .map(UncatalogedFile::of).toList();
    }

    /** One transaction for all of them, skipping the bad ones, like the SQLite catalog (listeners are told here). */
    @Override
    public int storeCatalogIds(Map<Long, String> catalogIds) {
        return write(b -> {
            int stored = 0;
            for (Map.Entry<Long, String> e : catalogIds.entrySet()) {
                Long holder = e.getValue() == null ? null : byCatalogId.get(e.getValue());
                if (e.getValue() == null || e.getValue().isBlank() || !rows.containsKey(e.getKey())
                        || holder != null && holder.longValue() != e.getKey()) {
                    continue;
                }
                b.catalogId(e.getKey(), e.getValue());
                stored++;
            }
            return stored;
        });
    }

    @Override
    public synchronized Map<MediaStatus, Long> countByStatus() {
        Map<MediaStatus, Long> counts = new EnumMap<>(MediaStatus.class);
        for (MediaStatus s : MediaStatus.values()) {
            counts.put(s, rows.values().stream().filter(f -> f.status() == s).count());
        }
        return counts;
    }

    @Override
    public synchronized Map<String, String> hashes(long luid) {
        return Map.copyOf(hashes.getOrDefault(luid, Map.of()));
    }

    @Override
    public RemapResult remapCatalogId(String oldCatalogId, String newCatalogId) {
        return write(b -> {
            Optional<MediaFile> old = findByCatalogId(oldCatalogId);
            if (old.isEmpty()) {
                return RemapResult.UNKNOWN_OLD_ID;
            }
            if (findByCatalogId(newCatalogId).isPresent()) {
                return RemapResult.NEW_ID_IN_USE;
            }
            b.catalogId(old.get().luid(), newCatalogId);
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

    /** The writes of one transaction; runs under the catalog's lock. */
    private final class Batch implements CatalogBatch {

        private final List<CatalogChange> changes = new ArrayList<>();

        @Override
        public MediaFile add(NewMediaFile f) {
            long luid = nextLuid++;
            Instant now = Instant.now();
            return put(CatalogChange.Kind.ADDED, new MediaFile(luid, Optional.empty(), f.path(), f.mediaRoot(),
                    f.relativePath(), f.size(), f.modified(), f.fileKey(), MediaStatus.READY, Optional.empty(),
                    Optional.empty(), now, now));
        }

        @Override
        public MediaFile changed(long luid, long size, Instant modified, Optional<String> fileKey) {
            MediaFile f = row(luid);
            hashes.remove(luid);
            return put(CatalogChange.Kind.CHANGED, new MediaFile(luid, f.catalogId(), f.path(), f.mediaRoot(),
                    f.relativePath(), size, modified, fileKey, MediaStatus.PENDING, Optional.empty(), Optional.empty(),
                    f.discovered(), Instant.now()));
        }

        @Override
        public MediaFile moved(long luid, Path newPath, Path mediaRoot, String relativePath, Instant modified,
                               Optional<String> fileKey) {
            MediaFile f = row(luid);
            return put(CatalogChange.Kind.MOVED, new MediaFile(luid, f.catalogId(), newPath, mediaRoot, relativePath,
                    f.size(), modified, fileKey, f.status(), f.error(), f.metadata(), f.discovered(), Instant.now()));
        }

        @Override
        public MediaFile deleted(long luid) {
            return status(CatalogChange.Kind.DELETED, row(luid), MediaStatus.DELETED);
        }

        @Override
        public MediaFile status(long luid, MediaStatus status, Optional<String> error) {
            return status(CatalogChange.Kind.UPDATED, row(luid), status);
        }

        private MediaFile status(CatalogChange.Kind kind, MediaFile f, MediaStatus status) {
            return put(kind, new MediaFile(f.luid(), f.catalogId(), f.path(), f.mediaRoot(), f.relativePath(), f.size(),
                    f.modified(), f.fileKey(), status, f.error(), f.metadata(), f.discovered(), Instant.now()));
        }

        @Override
        public MediaFile hashes(long luid, Map<String, String> digests) {
            hashes.computeIfAbsent(luid, k -> new HashMap<>()).putAll(digests);
            return row(luid);
        }

        @Override
        public MediaFile metadata(long luid, MediaMetadata metadata) {
            MediaFile f = row(luid);
            return put(CatalogChange.Kind.UPDATED, new MediaFile(luid, f.catalogId(), f.path(), f.mediaRoot(),
                    f.relativePath(), f.size(), f.modified(), f.fileKey(), f.status(), f.error(), Optional.of(metadata),
                    f.discovered(), Instant.now()));
        }

        @Override
        public MediaFile catalogId(long luid, String catalogId) {
            MediaFile f = row(luid);
            Long holder = byCatalogId.get(catalogId);
            if (holder != null && holder != luid) {
                throw new CatalogException("catalog id " + catalogId + " is already used");
            }
            f.catalogId().ifPresent(byCatalogId::remove);
            byCatalogId.put(catalogId, luid);
            return put(CatalogChange.Kind.UPDATED, new MediaFile(luid, Optional.of(catalogId), f.path(), f.mediaRoot(),
                    f.relativePath(), f.size(), f.modified(), f.fileKey(), f.status(), f.error(), f.metadata(),
                    f.discovered(), Instant.now()));
        }

        private MediaFile row(long luid) {
            MediaFile f = rows.get(luid);
            if (f == null) {
                throw new CatalogException("no file " + luid);
            }
            return f;
        }

        private MediaFile put(CatalogChange.Kind kind, MediaFile file) {
            rows.put(file.luid(), file);
            changes.add(new CatalogChange(kind, file));
            return file;
        }
    }
}
