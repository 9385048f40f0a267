package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.LongConsumer;

import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.FileHasher;

/**
 * {@code ProgressReportingHasher} is responsible for letting the scanner see bytes as they are read, so a scan
 * of a few huge files shows progress and an ETA. Another bundle's {@link FileHasher} works too, per file.
 */
interface ProgressReportingHasher extends FileHasher {

    /** As {@link #hash(Path, Collection)}, telling {@code bytesRead} each chunk's size as it is read. */
    FileHashes hash(Path file, Collection<String> algorithms, LongConsumer bytesRead) throws IOException;
}
