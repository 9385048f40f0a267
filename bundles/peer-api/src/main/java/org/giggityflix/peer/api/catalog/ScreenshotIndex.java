package org.giggityflix.peer.api.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code ScreenshotIndex} is responsible for the catalog's table of cached screenshots, so that the cache's rows live
 * and die with the file rows they describe: a row goes when its file's row is removed or its content changes (like
 * hashes and metadata). The JPEG files themselves belong to whoever writes the rows (the screenshot service), which
 * keeps files and rows consistent. Published by the catalog beside {@link MediaCatalog}; every method may throw
 * {@link CatalogException}.
 */
@ProviderType
public interface ScreenshotIndex {

    /** The rows of one file, by position. */
    List<CachedScreenshot> screenshots(long luid);

    /** Every row, least recently used first. */
    List<CachedScreenshot> all();

    /** Bytes of every indexed JPEG together. */
    long totalSize();

    /** Adds or replaces rows (keyed by luid and position), in one transaction. */
    void put(Collection<CachedScreenshot> rows);

    /** Sets {@code last_used} of the given rows (keyed by luid and position). */
    void touch(Collection<CachedScreenshot> rows, Instant when);

    /** Removes the given rows (keyed by luid and position); rows already gone are ignored. */
    void remove(Collection<CachedScreenshot> rows);
}
