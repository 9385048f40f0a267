package org.giggityflix.peer.screenshots.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.ScreenshotIndex;
import org.giggityflix.peer.api.media.Thumbnail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ScreenshotCache} is responsible for the JPEGs under {@code DATA_DIR/screenshots/<luid>/} and their rows in
 * the catalog's {@link ScreenshotIndex}, kept consistent: a file is written before its row, a row is removed before
 * its file, and {@link #reconcile()} deletes files without rows and rows without files (after a crash, or when the
 * catalog dropped rows because a file's content changed). Bounded by size, least recently used evicted first.
 *
 * <p>Not thread-safe on its own: {@code Screenshooter} serialises writers.
 */
final class ScreenshotCache {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotCache.class);
    private static final String SUFFIX = ".jpg";

    private final Path directory;
    private final ScreenshotIndex index;
    private final Clock clock;

    ScreenshotCache(Path directory, ScreenshotIndex index, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.index = index;
        this.clock = clock;
    }

    Path directory() {
        return directory;
    }

    /**
     * The cached pictures of these positions, in order, when every one is there with its file intact; rows whose
     * file is missing or has another size are removed on the way.
     */
    Map<Double, CachedScreenshot> cached(long luid, List<Double> positions) {
        Map<Double, CachedScreenshot> found = new HashMap<>();
        List<CachedScreenshot> broken = new ArrayList<>();
        Set<Double> wanted = new HashSet<>(positions);
        for (CachedScreenshot row : index.screenshots(luid)) {
            if (!wanted.contains(row.positionSeconds())) {
                continue;
            }
            if (intact(row)) {
                found.put(row.positionSeconds(), row);
            } else {
                broken.add(row);
            }
        }
        if (!broken.isEmpty()) {
            LOG.info("screenshot cache: {} picture(s) of file {} were missing on disk; capturing again",
                    broken.size(), luid);
            index.remove(broken);
        }
        return found;
    }

    void touch(List<CachedScreenshot> rows) {
        if (!rows.isEmpty()) {
            index.touch(rows, clock.instant());
        }
    }

    /** Writes the frames (file first, then rows, all rows in one transaction); on failure nothing is left behind. */
    List<CachedScreenshot> store(long luid, List<Double> positions, List<Thumbnail> frames) throws IOException {
        Path folder = Files.createDirectories(directory.resolve(Long.toString(luid)));
        Instant now = clock.instant();
        List<CachedScreenshot> rows = new ArrayList<>(frames.size());
        try {
            for (int i = 0; i < frames.size(); i++) {
                Thumbnail frame = frames.get(i);
                Path file = folder.resolve(fileName(positions.get(i)));
                Path partial = folder.resolve(file.getFileName() + ".part");
                Files.write(partial, frame.jpeg());
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                rows.add(new CachedScreenshot(luid, positions.get(i), frame.positionSeconds(), file,
                        frame.jpeg().length, frame.width(), frame.height(), now, now));
            }
            index.put(rows);
        } catch (IOException | RuntimeException e) {
            for (CachedScreenshot row : rows) {
                Files.deleteIfExists(row.path());
            }
            throw e;
        }
        return rows;
    }

    /**
     * Removes least recently used pictures until the cache holds at most {@code maxBytes}; the {@code keep} files
     * (the request being answered) are never evicted.
     *
     * @return how many pictures were evicted
     */
    int evict(long maxBytes, Set<Path> keep) {
        long total = index.totalSize();
        if (total <= maxBytes) {
            return 0;
        }
        List<CachedScreenshot> victims = new ArrayList<>();
        for (CachedScreenshot row : index.all()) {
            if (total <= maxBytes) {
                break;
            }
            if (!keep.contains(row.path())) {
                victims.add(row);
                total -= row.size();
            }
        }
        index.remove(victims);
        victims.forEach(row -> deleteQuietly(row.path()));
        LOG.debug("screenshot cache: evicted {} picture(s), {} bytes left", victims.size(), total);
        return victims.size();
    }

    /** Deletes every file of {@code luid} that has no row (the catalog dropped them: the content changed). */
    void forgetOrphans(long luid) {
        Set<Path> indexed = new HashSet<>();
        index.screenshots(luid).forEach(row -> indexed.add(row.path()));
        Path folder = directory.resolve(Long.toString(luid));
        for (Path file : list(folder)) {
            if (!indexed.contains(file)) {
                deleteQuietly(file);
            }
        }
        deleteIfEmpty(folder);
    }

    /** Brings files and rows back in step: rows without an intact file go, files without a row go. */
    void reconcile() {
        List<CachedScreenshot> rows = index.all();
        List<CachedScreenshot> broken = rows.stream().filter(row -> !intact(row)).toList();
        if (!broken.isEmpty()) {
            index.remove(broken);
        }
        Set<Path> indexed = new HashSet<>();
        rows.forEach(row -> indexed.add(row.path()));
        int orphans = 0;
        for (Path folder : list(directory)) {
            for (Path file : list(folder)) {
                if (!indexed.contains(file)) {
                    deleteQuietly(file);
                    orphans++;
                }
            }
            deleteIfEmpty(folder);
        }
        if (!broken.isEmpty() || orphans > 0) {
            LOG.info("screenshot cache {}: removed {} row(s) without a file and {} file(s) without a row",
                    directory, broken.size(), orphans);
        }
    }

    private static boolean intact(CachedScreenshot row) {
        try {
            return Files.size(row.path()) == row.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** Microseconds are enough to keep two positions of one file apart, and make a readable name. */
    static String fileName(double positionSeconds) {
        return Math.round(positionSeconds * 1_000_000) + SUFFIX;
    }

    private static List<Path> list(Path folder) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entry -> entries.add(entry.toAbsolutePath().normalize()));
        } catch (IOException e) {
            LOG.warn("screenshot cache: cannot list {}: {}", folder, e.toString());
        }
        return entries;
    }

    private static void deleteQuietly(Path file) {
        try {
            if (Files.isDirectory(file)) {
                return;
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the next reconcile: a file without a row is found and removed then.
            LOG.warn("screenshot cache: cannot delete {}: {}", file, e.toString());
        }
    }

    private static void deleteIfEmpty(Path folder) {
        try {
            if (Files.isDirectory(folder) && list(folder).isEmpty()) {
                Files.deleteIfExists(folder);
            }
        } catch (NoSuchFileException e) {
            // Already gone.
        } catch (IOException e) {
            // Not empty after all (a capture is writing into it): keep it.
            LOG.debug("screenshot cache: keeping {}: {}", folder, e.toString());
        }
    }
}
