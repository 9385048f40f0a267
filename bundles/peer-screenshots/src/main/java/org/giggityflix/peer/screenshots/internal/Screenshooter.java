package org.giggityflix.peer.screenshots.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotException.Reason;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.giggityflix.peer.api.media.Thumbnail;
import org.giggityflix.peer.api.media.ThumbnailProvider;
import org.giggityflix.peer.osgi.common.Extensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Screenshooter} is responsible for answering a screenshot request: check it, find the file and its duration,
 * serve what the cache holds, capture the rest with the chosen provider, store it and keep the cache within bounds.
 *
 * <p>Requests for one file are serialised (the second waits and is then served from the cache); at most
 * {@link ScreenshotsConstants#MAX_CONCURRENT_CAPTURES} captures decode at once.
 */
final class Screenshooter implements ScreenshotService {

    private static final Logger LOG = LoggerFactory.getLogger(Screenshooter.class);

    private final MediaCatalog catalog;
    private final ScreenshotCache cache;
    private final Codecs<ThumbnailProvider> providers;
    private final Codecs<MediaProbe> probes;
    private final Supplier<Settings> settings;
    private final Map<Long, Object> fileLocks = new ConcurrentHashMap<>();
    private final Object cacheLock = new Object();
    private final Semaphore captures = new Semaphore(ScreenshotsConstants.MAX_CONCURRENT_CAPTURES, true);

    /**
     * What the owner configured, read once per request.
     *
     * @param cacheBytes        the cache's bound
     * @param preferredProvider text of the preferred provider's component name, blank for none
     */
    record Settings(long cacheBytes, String preferredProvider) {
    }

    Screenshooter(MediaCatalog catalog, ScreenshotCache cache, Codecs<ThumbnailProvider> providers,
                  Codecs<MediaProbe> probes, Supplier<Settings> settings) {
        this.catalog = catalog;
        this.cache = cache;
        this.providers = providers;
        this.probes = probes;
        this.settings = settings;
    }

    @Override
    public ScreenshotSet screenshots(long luid, int count) throws ScreenshotException {
        if (count < MIN_COUNT || count > MAX_COUNT) {
            throw new ScreenshotException(Reason.BAD_COUNT, "a screenshot request asks for " + MIN_COUNT + " to "
                    + MAX_COUNT + " pictures, not " + count);
        }
        MediaFile file = present(luid);
        List<Double> positions = ScreenshotService.positions(duration(file), count);
        Settings current = settings.get();
        Object fileLock = fileLocks.computeIfAbsent(luid, id -> new Object());
        synchronized (fileLock) {
            try {
                return screenshots(file, positions, current);
            } catch (CatalogException e) {
                throw new ScreenshotException(Reason.CAPTURE_FAILED, "the screenshot cache index failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private ScreenshotSet screenshots(MediaFile file, List<Double> positions, Settings current)
            throws ScreenshotException {
        Map<Double, CachedScreenshot> cached = cache.cached(file.luid(), positions);
        List<Double> missing = positions.stream().filter(p -> !cached.containsKey(p)).toList();
        if (missing.isEmpty()) {
            cache.touch(new ArrayList<>(cached.values()));
            return answer(file.luid(), positions, cached, true);
        }
        List<CachedScreenshot> fresh = capture(file, missing, current);
        fresh.forEach(row -> cached.put(row.positionSeconds(), row));
        cache.touch(cached.values().stream().filter(row -> !fresh.contains(row)).toList());
        Set<Path> keep = new HashSet<>();
        cached.values().forEach(row -> keep.add(row.path()));
        synchronized (cacheLock) {
            cache.evict(current.cacheBytes(), keep);
        }
        return answer(file.luid(), positions, cached, false);
    }

    private List<CachedScreenshot> capture(MediaFile file, List<Double> positions, Settings current)
            throws ScreenshotException {
        String extension = Extensions.of(file.fileName());
        ThumbnailProvider provider = providers.forExtension(extension, current.preferredProvider())
                .orElseThrow(() -> new ScreenshotException(Reason.NO_PROVIDER, "no screenshot (thumbnail) provider"
                        + " for " + (extension.isEmpty() ? "files without an extension" : extension + " files")
                        + " is installed" + (providers.names().isEmpty() ? "" : " (installed: "
                        + String.join(", ", providers.names()) + ")")));
        try {
            captures.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScreenshotException(Reason.CAPTURE_FAILED, "interrupted while waiting to capture", e);
        }
        try {
            requireOnDisk(file);
            List<Thumbnail> frames = provider.capture(file.path(), positions);
            if (frames.size() != positions.size()) {
                throw new ScreenshotException(Reason.CAPTURE_FAILED, "the provider returned " + frames.size()
                        + " pictures for " + positions.size() + " positions of " + file.path());
            }
            return cache.store(file.luid(), positions, frames);
        } catch (ScreenshotException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            requireOnDisk(file);
            LOG.warn("screenshots of {} failed: {}", file.path(), e.toString());
            throw new ScreenshotException(Reason.CAPTURE_FAILED, "could not capture " + file.path() + ": "
                    + e.getMessage(), e);
        } finally {
            captures.release();
        }
    }

    private MediaFile present(long luid) throws ScreenshotException {
        MediaFile file;
        try {
            file = catalog.find(luid).orElseThrow(() -> new ScreenshotException(Reason.NO_SUCH_FILE,
                    "no cataloged file with id " + luid));
        } catch (CatalogException e) {
            throw new ScreenshotException(Reason.CAPTURE_FAILED, "the catalog could not answer: " + e.getMessage(), e);
        }
        if (file.status() == MediaStatus.DELETED) {
            throw gone(file);
        }
        requireOnDisk(file);
        return file;
    }

    private static void requireOnDisk(MediaFile file) throws ScreenshotException {
        if (!Files.isRegularFile(file.path())) {
            throw gone(file);
        }
    }

    private static ScreenshotException gone(MediaFile file) {
        return new ScreenshotException(Reason.FILE_GONE, "file " + file.luid() + " is gone from disk: " + file.path());
    }

    /** From the catalog's metadata, else from the best probe now (the scanner may not have got to it yet). */
    private double duration(MediaFile file) throws ScreenshotException {
        Optional<MediaMetadata> metadata = file.metadata();
        if (metadata.isPresent() && metadata.get().videoCodec() == null && metadata.get().width() == null) {
            throw new ScreenshotException(Reason.NO_DURATION, file.path() + " has no video stream to take pictures"
                    + " of (audio only?)");
        }
        Optional<Double> known = metadata.map(MediaMetadata::durationSeconds);
        if (known.isPresent()) {
            return positive(file, known.get());
        }
        String extension = Extensions.of(file.fileName());
        MediaProbe probe = probes.forExtension(extension, "").orElseThrow(() -> new ScreenshotException(
                Reason.NO_DURATION, "the duration of " + file.path() + " is not known: it has not been probed and"
                + " no probe for " + extension + " files is installed"));
        try {
            return positive(file, probe.probe(file.path()).durationSeconds());
        } catch (IOException e) {
            requireOnDisk(file);
            throw new ScreenshotException(Reason.NO_DURATION, "could not read the duration of " + file.path() + ": "
                    + e.getMessage(), e);
        }
    }

    private static double positive(MediaFile file, Double duration) throws ScreenshotException {
        if (duration == null || duration.isNaN() || duration <= 0) {
            throw new ScreenshotException(Reason.NO_DURATION, file.path() + " has no duration to take pictures along"
                    + " (" + duration + " s): not a video, or empty");
        }
        return duration;
    }

    private static ScreenshotSet answer(long luid, List<Double> positions, Map<Double, CachedScreenshot> rows,
                                        boolean fromCache) {
        List<Screenshot> screenshots = new ArrayList<>(positions.size());
        for (int i = 0; i < positions.size(); i++) {
            CachedScreenshot row = rows.get(positions.get(i));
            screenshots.add(new Screenshot(i, row.positionSeconds(), row.frameSeconds(), row.width(), row.height(),
                    row.size(), row.path()));
        }
        return new ScreenshotSet(luid, screenshots, fromCache);
    }
}
