package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * {@code BackupRetention} is responsible for the dated archives in the backup folder: naming the next one, finding
 * the newest (so that a restarted peer does not wait a whole interval), and removing all but the newest N.
 *
 * <p>Only files named like the scheduler's own ({@code peer-backup-YYYYMMDD-HHMMSS.zip}) are ever touched: an
 * archive the owner named or copied there stays.
 */
final class BackupRetention {

    private BackupRetention() {
    }

    static Path nextArchive(Path folder, Instant now) {
        return folder.resolve("peer-backup-" + BackupConstants.FILE_TIME.format(now) + ".zip");
    }

    /** The dated archives in {@code folder}, oldest first. */
    static List<Path> dated(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> BackupConstants.DATED_ARCHIVE.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    static Optional<Instant> newest(Path folder) throws IOException {
        List<Path> dated = dated(folder);
        for (int i = dated.size() - 1; i >= 0; i--) {
            Matcher m = BackupConstants.DATED_ARCHIVE.matcher(dated.get(i).getFileName().toString());
            if (m.matches()) {
                try {
                    return Optional.of(Instant.from(BackupConstants.FILE_TIME.parse(m.group(1))));
                } catch (DateTimeParseException e) {
                    // 20261399-...: not one of ours after all; look at the one before.
                }
            }
        }
        return Optional.empty();
    }

    /** Deletes the dated archives beyond the newest {@code keepLast}; returns what it deleted. */
    static List<Path> prune(Path folder, int keepLast) throws IOException {
        List<Path> dated = dated(folder);
        List<Path> deleted = new ArrayList<>();
        for (Path old : dated.subList(0, Math.max(0, dated.size() - Math.max(1, keepLast)))) {
            Files.deleteIfExists(old);
            deleted.add(old);
        }
        return deleted;
    }
}
