package org.giggityflix.peer.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code FixedCatalog} is responsible for a read-only {@link MediaCatalog} over the files a test puts in
 * {@link #files}, for the parts of the peer that only read the catalog (shell, web API): it filters, orders and
 * pages as the SQLite catalog does ({@link MediaQuery#matches}, {@link MediaQuery#comparator}), and remembers the
 * last query it was asked.
 */
public class FixedCatalog implements MediaCatalog {

    public final List<MediaFile> files = new ArrayList<>();
    /** Stored digests by luid, algorithm to hex. */
    public final Map<Long, Map<String, String>> hashes = new HashMap<>();
    /** The last query {@link #list} was given; null when never asked. */
    public MediaQuery lastQuery;
    public long databaseSize;

    @Override
    public <T> T write(Work<T> work) {
        throw new UnsupportedOperationException("a FixedCatalog is read-only");
    }

    @Override
    public <T> T writeRecoverable(Work<T> work) {
        throw new UnsupportedOperationException("a FixedCatalog is read-only");
    }

    /** Nothing is ever written, so nothing ever changes. */
    @Override
    public long generation() {
        return 0;
    }

    @Override
    public Optional<MediaFile> find(long luid) {
        return files.stream().filter(f -> f.luid() == luid).findFirst();
    }

    @Override
    public Optional<MediaFile> findByCatalogId(String catalogId) {
        return Optional.empty();
    }

    @Override
    public Optional<MediaFile> findByPath(Path path) {
        return Optional.empty();
    }

    @Override
    public List<MediaFile> list(MediaQuery query) {
        lastQuery = query;
        List<MediaFile> matching = matching(query);
        int from = Math.min(query.offset(), matching.size());
        return matching.subList(from, Math.min(matching.size(), from + query.limit()));
    }

    @Override
    public long count(MediaQuery query) {
        return matching(query).size();
    }

    private List<MediaFile> matching(MediaQuery q) {
        return files.stream().filter(q::matches).sorted(q.comparator()).toList();
    }

    @Override
    public List<MediaFile> listUnderRoot(Path mediaRoot) {
        return files;
    }

    @Override
    public List<KnownFile> knownUnderRoot(Path mediaRoot) {
        return files.stream().map(KnownFile::of).toList();
    }

    @Override
    public void forEachKnownUnderRoot(Path mediaRoot, Consumer<KnownFile> each) {
        knownUnderRoot(mediaRoot).forEach(each);
    }

    @Override
    public Map<MediaStatus, Long> countByStatus() {
        Map<MediaStatus, Long> counts = new EnumMap<>(MediaStatus.class);
        for (MediaStatus s : MediaStatus.values()) {
            counts.put(s, files.stream().filter(f -> f.status() == s).count());
        }
        return counts;
    }

    @Override
    public Map<String, String> hashes(long luid) {
        return hashes.getOrDefault(luid, Map.of());
    }


    @Override
    public Path databaseFile() {
        return Path.of("/data/catalog.db");
    }

    @Override
    public long databaseSize() {
        return databaseSize;
    }
}
