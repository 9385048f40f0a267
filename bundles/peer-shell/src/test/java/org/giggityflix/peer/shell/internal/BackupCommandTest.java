package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.api.backup.BackupException;
import org.giggityflix.peer.api.backup.PeerBackup;
import org.junit.jupiter.api.Test;

/**
 * {@code BackupCommandTest} is responsible for proving that {@code peer:backup} hands the file (or none) to the
 * backup service, says what it wrote and how to restore it, and fails with the service's reason.
 */
class BackupCommandTest {

    /** {@code RecordingBackup} is responsible for remembering what it was asked, failing when told to. */
    private static final class RecordingBackup implements PeerBackup {
        final List<Optional<Path>> asked = new ArrayList<>();
        String failure;

        @Override
        public BackupArchive backup(Optional<Path> file) {
            asked.add(file);
            if (failure != null) {
                throw new BackupException(failure);
            }
            return new BackupArchive(file.orElse(folder().resolve("peer-backup-20261207-031500.zip")), "peer-1", 3,
                    1234, List.of("etc/users.properties", "data/peer-id"), 5 * 1024 * 1024,
                    Instant.parse("2026-12-07T03:15:00Z"));
        }

        @Override
        public Path folder() {
            return Path.of("/var/lib/peer/backups");
        }
    }

    private final RecordingBackup backup = new RecordingBackup();

    private BackupCommand command(String file) {
        BackupCommand c = new BackupCommand();
        c.backup = backup;
        c.file = file;
        return c;
    }

    @Test
    void withoutAFileADatedArchiveGoesToTheFolder() {
        String out = Fakes.output(command(null)::run);
        assertEquals(List.of(Optional.empty()), backup.asked);
        assertTrue(out.contains("Backup written: /var/lib/peer/backups/peer-backup-20261207-031500.zip"), out);
        assertTrue(out.contains("peer peer-1, catalog schema 3, 1234 files"), out);
        assertTrue(out.contains("etc/users.properties, data/peer-id"), out);
        assertTrue(out.contains("bin/peer restore /var/lib/peer/backups/peer-backup-20261207-031500.zip"), out);
    }

    @Test
    void aNamedFileIsWrittenThere() {
        String out = Fakes.output(command("/mnt/usb/peer.zip")::run);
        assertEquals(List.of(Optional.of(Path.of("/mnt/usb/peer.zip"))), backup.asked);
        assertTrue(out.contains("Backup written: /mnt/usb/peer.zip"), out);
    }

    @Test
    void aFailureSaysWhy() {
        backup.failure = "cannot write the backup /mnt/usb/peer.zip: disk full (nothing was left behind)";
        String out = Fakes.failure(command("/mnt/usb/peer.zip")::run);
        assertTrue(out.contains("disk full (nothing was left behind)"), out);
    }

    @Test
    void withoutTheBackupBundleTheCommandSaysHowToGetIt() {
        assertTrue(Fakes.failure(new BackupCommand()::run).contains("feature:install peer-backup"));
    }
}
