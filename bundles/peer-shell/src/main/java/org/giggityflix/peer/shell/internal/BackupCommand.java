package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.api.backup.BackupException;
import org.giggityflix.peer.api.backup.PeerBackup;

/**
 * {@code BackupCommand} is responsible for {@code peer:backup}: one archive of the running peer (a consistent copy
 * of the catalog, settings, users, keys, peer id) written now, to a named file or a dated one in the backup folder.
 */
@Service
@Command(scope = "peer", name = "backup",
        description = "Writes a backup of the running peer (consistent catalog copy, settings, users, keys and peer"
                + " id) into one zip archive: FILE, or a dated file in the backup folder (default DATA_DIR/backups)."
                + " Restore it with the peer stopped: bin/peer restore ARCHIVE.")
public class BackupCommand implements Action {

    static final String NO_BACKUP =
            "Backups are not available (no PeerBackup service): feature:install peer-backup.";

    @Reference(optional = true)
    PeerBackup backup;

    @Argument(index = 0, name = "file", description = "the archive to write (must not exist); default: a dated"
            + " file in the backup folder", required = false)
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        if (backup == null) {
            throw Messages.failure(NO_BACKUP);
        }
        BackupArchive archive;
        try {
            archive = backup.backup(Optional.ofNullable(file).map(f -> Path.of(f).toAbsolutePath()));
        } catch (BackupException e) {
            throw Messages.failure(e.getMessage());
        }
        out.println("Backup written: " + archive.file());
        out.println("  peer " + archive.peerId() + ", catalog schema " + archive.schemaVersion() + ", "
                + archive.mediaFiles() + " files, " + Formats.bytes(archive.bytes()));
        out.println("  settings and keys: " + (archive.entries().isEmpty() ? "none" : String.join(", ",
                archive.entries())));
        out.println("Restore it with the peer stopped: bin/peer restore " + archive.file());
    }
}
