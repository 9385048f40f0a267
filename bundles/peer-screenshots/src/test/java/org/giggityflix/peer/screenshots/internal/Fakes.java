package org.giggityflix.peer.screenshots.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.ScreenshotIndex;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;

/**
 * {@code Fakes} is responsible for the test doubles of the screenshot tests: a catalog of a few files, an in-memory
 * screenshot index, and providers and probes that record what they were asked.
 */
final class Fakes {

    private Fakes() {
    }

    static MediaFile file(long luid, Path path, Double duration, MediaStatus status) {
        Optional<MediaMetadata> metadata = duration == null ? Optional.empty()
                : Optional.of(new MediaMetadata(duration, 64, 48, "rawvideo", null, null, 25.0, "test"));
        return new MediaFile(luid, Optional.empty(), path, path.getParent(), path.getFileName().toString(), 1,
                Instant.EPOCH, Optional.empty(), status, Optional.empty(), metadata, Instant.EPOCH, Instant.EPOCH);
    }

    /** Only {@code find} is used by the screenshot service. */
    static final class Catalog implements MediaCatalog {

        final Map<Long, MediaFile> files = new HashMap<>();

        Catalog with(MediaFile file) {
            files.put(file.luid(), file);
            return this;
        }

        @Override
        public Optional<MediaFile> find(long luid) {
            return Optional.ofNullable(files.get(luid));
        }

        @Override
        public <T> T write(Work<T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MediaFile> findByCatalogId(String catalogId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MediaFile> findByPath(Path path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MediaFile> list(MediaQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(MediaQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MediaFile> listUnderRoot(Path mediaRoot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<KnownFile> knownUnderRoot(Path mediaRoot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forEachKnownUnderRoot(Path mediaRoot, Consumer<KnownFile> each) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<MediaStatus, Long> countByStatus() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> hashes(long luid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T writeRecoverable(Work<T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long generation() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path databaseFile() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long databaseSize() {
            throw new UnsupportedOperationException();
        }
    }

    /** Rows keyed by luid and position, like the catalog's table. */
    static final class Index implements ScreenshotIndex {

        private final Map<String, CachedScreenshot> rows = new HashMap<>();

        private static String key(CachedScreenshot row) {
            return row.luid() + "@" + row.positionSeconds();
        }

        @Override
        public synchronized List<CachedScreenshot> screenshots(long luid) {
            return rows.values().stream().filter(r -> r.luid() == luid)
                    .sorted(Comparator.comparingDouble(CachedScreenshot::positionSeconds)).toList();
        }

        @Override
        public synchronized List<CachedScreenshot> all() {
            return rows.values().stream().sorted(Comparator.comparing(CachedScreenshot::lastUsed)
                    .thenComparingLong(CachedScreenshot::luid)).toList();
        }

        @Override
        public synchronized long totalSize() {
            return rows.values().stream().mapToLong(CachedScreenshot::size).sum();
        }

        @Override
        public synchronized void put(Collection<CachedScreenshot> added) {
            added.forEach(r -> rows.put(key(r), r));
        }

        @Override
        public synchronized void touch(Collection<CachedScreenshot> touched, Instant when) {
            for (CachedScreenshot r : touched) {
                rows.computeIfPresent(key(r), (k, old) -> new CachedScreenshot(old.luid(), old.positionSeconds(),
                        old.frameSeconds(), old.path(), old.size(), old.width(), old.height(), old.created(), when));
            }
        }

        @Override
        public synchronized void remove(Collection<CachedScreenshot> removed) {
            removed.forEach(r -> rows.remove(key(r)));
        }

        synchronized int size() {
            return rows.size();
        }
    }

    /** Pictures of {@code size} bytes that name the provider and position; records every capture. */
    static class Provider implements ThumbnailProvider {

        final String name;
        final int size;
        final List<List<Double>> calls = new CopyOnWriteArrayList<>();

        Provider(String name, int size) {
            this.name = name;
            this.size = size;
        }

        @Override
        public Set<String> extensions() {
            return Set.of(".y4m", ".mkv");
        }

        @Override
        public List<Thumbnail> capture(Path file, List<Double> positionsSeconds) throws IOException {
            calls.add(List.copyOf(positionsSeconds));
            List<Thumbnail> frames = new ArrayList<>();
            for (double p : positionsSeconds) {
                byte[] jpeg = new byte[size];
                byte[] label = (name + "@" + p).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(label, 0, jpeg, 0, Math.min(label.length, size));
                frames.add(new Thumbnail(p + 0.01, 64, 48, jpeg));
            }
            return frames;
        }
    }

    /** A probe that knows one duration for every file. */
    static final class Probe implements MediaProbe {

        final double duration;
        int calls;

        Probe(double duration) {
            this.duration = duration;
        }

        @Override
        public Set<String> extensions() {
            return Set.of(".y4m");
        }

        @Override
        public MediaMetadata probe(Path file) throws IOException {
            calls++;
            if (!Files.exists(file)) {
                throw new IOException("no such file " + file);
            }
            return new MediaMetadata(duration, 64, 48, "rawvideo", null, null, 25.0, "yuv4mpegpipe");
        }
    }

    static Map<String, Object> properties(String name, int ranking, long id) {
        return Map.of("component.name", name, "service.ranking", ranking, "service.id", id);
    }
}
