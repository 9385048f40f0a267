package org.giggityflix.peer.api.hash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code FileHasher} is responsible for hashing files with whichever {@link HashProvider}s are installed,
 * reading each file once for all algorithms, and limiting concurrent reads per physical drive.
 */
@ProviderType
public interface FileHasher {

    /** Names of the algorithms installed right now. */
    Set<String> availableAlgorithms();

    /** Hashes a file with the known algorithms among {@code algorithms}; unknown names are listed in the result. */
    FileHashes hash(Path file, Collection<String> algorithms) throws IOException;

    /**
     * Digests of a cataloged file: stored ones are returned as they are, missing ones are computed from one read
     * and stored.
     *
     * @throws NoSuchMediaException when the catalog holds no such luid
     * @throws MediaGoneException   when the file is no longer on disk
     * @see MediaCatalog#hashes(long)
     */
    FileHashes hashEntry(long luid, Collection<String> algorithms) throws IOException;
}
