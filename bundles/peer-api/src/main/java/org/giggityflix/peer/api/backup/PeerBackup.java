package org.giggityflix.peer.api.backup;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code PeerBackup} is responsible for writing backups of the running peer: one archive with a consistent copy of
 * the catalog, the peer's settings ({@code etc/org.giggityflix.*.cfg}), its console users and keys, and its peer
 * id, which {@code bin/peer restore ARCHIVE} puts back. Published by the backup bundle.
 */
@ProviderType
public interface PeerBackup {

    /**
     * Writes a backup archive.
     *
     * @param file where to write it (must not exist); empty: a new, dated file in {@link #folder()}
     * @return what was written
     * @throws BackupException with the reason when no complete archive could be written (disk full, folder not
     *                         writable, file exists, catalog unavailable); nothing is left at the file then
     */
    BackupArchive backup(Optional<Path> file);

    /** Where backups go when no file is named: the configured folder (default {@code DATA_DIR/backups}). */
    Path folder();
}
