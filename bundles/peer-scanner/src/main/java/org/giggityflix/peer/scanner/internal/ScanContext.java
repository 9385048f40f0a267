package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.scan.RootStatus;

/**
 * {@code ScanContext} is responsible for handing one scan everything it works with, owned by the scanner
 * component: services, settings of the moment, pools, and the hooks back into the component.
 *
 * @param catalog          where results go
 * @param hasher           reads files for digests
 * @param settings         the configuration when the scan started
 * @param probes           installed media probes
 * @param probeStage       the scanner's probing pool
 * @param hashPool         threads that hash files (reads are limited per drive by the hasher)
 * @param recentlyGone     memory of recent deletions, to recognise moves seen as two rescans
 * @param known            the scanner's copy of the catalog's rows, reused while nobody else wrote
 * @param rootStatuses     where each root's state is published for {@code status()}
 * @param checkAllHashes   whether READY files must be checked for digests added to the configuration
 * @param onFolder         told of every folder walked, before it is listed and on the listing thread (the watcher
 *                         registers it, returning once it is watched)
 * @param clock            time source
 */
record ScanContext(MediaCatalog catalog, FileHasher hasher, ScannerSettings settings, ProbeRegistry probes,
                   ProbeStage probeStage, ExecutorService hashPool, RecentlyGone recentlyGone,
                   KnownSnapshot known, Map<Path, RootStatus> rootStatuses, boolean checkAllHashes,
                   Consumer<Path> onFolder, Clock clock) {

    /** Hashes through the progress-reporting path when the hasher has one, else counts bytes per file. */
    FileHashes hashWithProgress(Path file, Collection<String> algorithms, LongConsumer bytes) throws IOException {
        if (hasher instanceof ProgressReportingHasher reporting) {
            return reporting.hash(file, algorithms, bytes);
        }
        FileHashes hashes = hasher.hash(file, algorithms);
        bytes.accept(hashes.bytesRead());
        return hashes;
    }

    /** The include list: configured extensions plus those of probes registered with {@code scanner.include}. */
    PathRules rules() {
        Set<String> extensions = new java.util.HashSet<>(settings.includeExtensions());
        extensions.addAll(probes.includedExtensions());
        return new PathRules(extensions, settings.excludeNames(), settings.excludePaths());
    }
}
