package org.giggityflix.peer.scanner.internal;

import java.time.Clock;
import java.util.Map;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.hash.FileHasher;

/**
 * {@code BenchScanners} is responsible for giving the benchmarks a real {@link DirectoryMediaScanner} without its
 * initial delayed scan, through the constructor the scanner keeps for plain Java use (package-private, hence this
 * class in the scanner's package).
 */
public final class BenchScanners {

    private BenchScanners() {
    }

    /** A scanner that scans only when asked; stop it with {@link DirectoryMediaScanner#deactivate()}. */
    public static DirectoryMediaScanner withoutInitialScan(MediaCatalog catalog, FileHasher hasher,
                                                           Map<String, ?> properties) {
        return new DirectoryMediaScanner(catalog, hasher, properties, Clock.systemUTC(), -1);
    }
}
