package org.giggityflix.peer.scanner.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.osgi.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ProbeStage} is responsible for probing hashed files for metadata on a small pool of the scanner's own,
 * so that a slow codec never holds up walking or hashing; each result (or failure) is written with the status.
 */
final class ProbeStage {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeStage.class);

    private final MediaCatalog catalog;
    private final ExecutorService pool;

    ProbeStage(MediaCatalog catalog, int threads) {
        this.catalog = catalog;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreads("peer-scanner-probe"));
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    /** Queues a probe of the file; its row is set READY with metadata, or ERROR with the probe's reason. */
    void submit(long luid, Path file, MediaProbe probe) {
        try {
            pool.execute(() -> probe(luid, file, probe));
        } catch (RejectedExecutionException e) {
            LOG.debug("probe of {} not queued: scanner stopping", file);
        }
    }

    void shutdown() {
        pool.shutdownNow();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private void probe(long luid, Path file, MediaProbe probe) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            MediaMetadata metadata = probe.probe(file);
            catalog.write(batch -> {
                batch.metadata(luid, metadata);
                return batch.status(luid, MediaStatus.READY, Optional.empty());
            });
        } catch (Exception e) {
            // A probe's exception (IOException or a codec's RuntimeException) is the file's problem, not the scanner's.
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            // Once per file: an ERROR row is not probed again until the file changes or a full scan retries it.
            LOG.warn("no metadata for {}: {}; cataloged with status ERROR", file, reason);
            writeError(luid, "metadata: " + reason);
        }
    }

    private void writeError(long luid, String reason) {
        try {
            catalog.write(batch -> batch.status(luid, MediaStatus.ERROR, Optional.of(reason)));
        } catch (RuntimeException e) {
            LOG.warn("could not record probe failure of file {}: {}", luid, e.toString());
        }
    }
}
