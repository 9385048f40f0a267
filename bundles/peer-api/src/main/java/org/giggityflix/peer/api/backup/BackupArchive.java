package org.giggityflix.peer.api.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A backup archive that was written completely.
 *
 * @param file          the archive (a zip file)
 * @param peerId        the peer it belongs to
 * @param schemaVersion the catalog's schema version in it
 * @param mediaFiles    rows of files in its catalog copy, deleted ones included
 * @param entries       the names of the files in it besides the catalog ({@code etc/users.properties}, ...)
 * @param bytes         the archive's size
 * @param created       when the catalog copy was taken
 */
public record BackupArchive(Path file, String peerId, int schemaVersion, long mediaFiles, List<String> entries,
                            long bytes, Instant created) {

    public BackupArchive {
        entries = List.copyOf(entries);
    }
}
